import type { JobView } from '../../api';
import { JobStateBadge } from '../../components/JobStateBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { useToken } from '../../chain';
import { formatAmount, formatDuration } from '../../format';
import { useNow } from '../../hooks';
import { gpuNeeds, jobDurationMs, runtimeSummary, shortId } from '../../jobs/summary';
import { Link } from '../../router';
import { INSUFFICIENT_BALANCE } from '../job/JobWaiting';

/** The buyer's jobs as a table; below 700 px each row becomes a card (see hosts.css). */
export function JobTable({ jobs }: { jobs: JobView[] }) {
  const now = useNow(1000);
  const { decimals } = useToken();
  return (
    <table className="data-table job-table">
      <caption className="sr-only">Your jobs, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">State</th>
          <th scope="col">Runs</th>
          <th scope="col">GPUs</th>
          <th scope="col">Tokens / h</th>
          <th scope="col">Created</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => {
          const runs = runtimeSummary(job.runtime);
          const duration = jobDurationMs(job, now);
          const gpus = gpuNeeds(job.requirements);
          return (
            <tr key={job.id}>
              <th scope="row" className="data-table__name">
                <Link
                  to={`/jobs/${encodeURIComponent(job.id)}`}
                  className="mono"
                  title={job.id}
                  aria-label={`Job ${shortId(job.id)}`}
                >
                  {shortId(job.id)}
                </Link>
              </th>
              <td data-label="State" className="data-table__nowrap">
                <JobStateBadge state={job.state} />
                {job.cancelRequested && job.state === 'running' && (
                  <span className="data-table__line muted">stopping…</span>
                )}
                {job.state === 'queued' && job.waiting && (
                  <span className="data-table__line muted" title={job.waiting.message}>
                    {job.waiting.code === INSUFFICIENT_BALANCE ? (
                      <>
                        waiting for funds · <Link to="/balance">deposit</Link>
                      </>
                    ) : (
                      'waiting'
                    )}
                  </span>
                )}
              </td>
              <td data-label="Runs" className="job-table__runs">
                <span className="job-table__type">{job.runtime.type}</span>
                <code className="job-table__command" title={runs}>
                  {runs}
                </code>
              </td>
              <td data-label="GPUs" className="job-table__gpus">
                <span className="data-table__line">{gpus.count}</span>
                {gpus.kind && <span className="data-table__line muted">{gpus.kind}</span>}
              </td>
              <td data-label="Tokens / h" className="data-table__nowrap">
                {job.pricePerHour !== null ? (
                  formatAmount(job.pricePerHour, decimals)
                ) : (
                  <span className="muted" title="The most you allowed; no node has taken it yet">
                    ≤ {formatAmount(job.maxPricePerHour, decimals)}
                  </span>
                )}
              </td>
              <td data-label="Created" className="data-table__nowrap">
                <RelativeTime at={job.createdAt} />
              </td>
              <td data-label="Duration" className="data-table__nowrap">
                {duration === null ? <span className="muted">—</span> : formatDuration(duration)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
