import { useState } from 'react';
import { listNodeJobs, NODE_JOBS_PAGE_SIZE, type NodeJobPage } from '../../api';
import { useToken } from '../../chain';
import { LoadError } from '../../components/LoadError';
import { JobStateBadge } from '../../components/JobStateBadge';
import { Pager } from '../../components/Pager';
import { RelativeTime } from '../../components/RelativeTime';
import { formatAmount, formatDuration } from '../../format';
import { usePolledLoad } from '../../hooks';
import { shortId } from '../../jobs/summary';
import { Link } from '../../router';
import { useSession } from '../../session';

const REFRESH_MS = 10_000;

/** The attempts this node ran or holds, newest first: the host's job history. */
export function NodeJobs({ nodeId }: { nodeId: string }) {
  const { http } = useSession();
  const [page, setPage] = useState(0);
  const { state, retry } = usePolledLoad(
    (signal) => listNodeJobs(http, nodeId, page, signal),
    REFRESH_MS,
    { view: page },
  );

  return (
    <section className="panel" aria-labelledby="node-jobs-heading">
      <h2 id="node-jobs-heading">Jobs</h2>
      {state.kind === 'loading' && <p role="status">Loading this node’s jobs…</p>}
      {state.kind === 'error' && (
        <LoadError
          title="This node’s jobs could not be loaded"
          message={state.message}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && state.result.total === 0 && (
        <p className="empty">
          No jobs yet. The node takes jobs while it is online, not in maintenance, and its price per
          GPU-hour is within what buyers offer.
        </p>
      )}
      {state.kind === 'loaded' && state.result.total > 0 && (
        <>
          <div className="table-wrap">
            <NodeJobTable result={state.result} />
          </div>
          <Pager
            page={page}
            size={state.result.size || NODE_JOBS_PAGE_SIZE}
            total={state.result.total}
            onPage={setPage}
            label="Pages of this node's jobs"
          />
        </>
      )}
    </section>
  );
}

function NodeJobTable({ result }: { result: NodeJobPage }) {
  const { decimals } = useToken();
  return (
    <table className="data-table">
      <caption className="sr-only">Job attempts on this node, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">State</th>
          <th scope="col">Outcome</th>
          <th scope="col">Assigned</th>
          <th scope="col">Ran for</th>
          <th scope="col">Tokens / h</th>
        </tr>
      </thead>
      <tbody>
        {result.items.map((row) => (
          <tr key={`${row.jobId}-${row.attempt}`}>
            <th scope="row" className="data-table__name">
              <Link
                to={`/jobs/${encodeURIComponent(row.jobId)}`}
                className="mono"
                title={row.jobId}
                aria-label={`Job ${shortId(row.jobId)}`}
              >
                {shortId(row.jobId)}
              </Link>
              <span className="data-table__line muted">
                attempt {row.attempt} · {row.runtimeType}
                {row.gpus.length > 0 && ` · GPU ${row.gpus.join(', ')}`}
              </span>
            </th>
            <td data-label="State" className="data-table__nowrap">
              <JobStateBadge state={row.jobState} />
            </td>
            <td data-label="Outcome">
              {row.outcome ? (
                <JobStateBadge state={row.outcome} />
              ) : (
                <span className="muted">in progress</span>
              )}
              {row.reason && <span className="data-table__line muted">{row.reason}</span>}
            </td>
            <td data-label="Assigned" className="data-table__nowrap">
              <RelativeTime at={row.assignedAt} />
            </td>
            <td data-label="Ran for" className="data-table__nowrap">
              {row.startedAt && row.endedAt
                ? formatDuration(Date.parse(row.endedAt) - Date.parse(row.startedAt))
                : row.startedAt
                  ? 'running'
                  : '—'}
            </td>
            <td data-label="Tokens / h" className="data-table__nowrap">
              {row.pricePerHour !== null ? (
                formatAmount(row.pricePerHour, decimals)
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
