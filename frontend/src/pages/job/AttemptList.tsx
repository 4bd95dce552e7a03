import type { JobAttempt, JobRole } from '../../api';
import { JobStateBadge } from '../../components/JobStateBadge';
import { formatDateTime, formatDuration } from '../../format';
import { NodeRef } from './JobDetails';

/** Each node the job was given to, oldest first, and how that attempt ended. */
export function AttemptList({ attempts, role }: { attempts: JobAttempt[]; role: JobRole }) {
  return (
    <section className="panel" aria-labelledby="attempts-heading">
      <h2 id="attempts-heading">Attempts</h2>
      {attempts.length === 0 ? (
        <p className="empty">
          No node has taken this job yet. It waits in the queue until one that meets its
          requirements and price is free.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">Attempts, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Attempt</th>
                <th scope="col">Node</th>
                <th scope="col">GPUs</th>
                <th scope="col">Assigned</th>
                <th scope="col">Ran for</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.attempt}>
                  <th scope="row">#{a.attempt}</th>
                  <td data-label="Node">
                    <NodeRef id={a.nodeId} linked={role === 'host'} />
                  </td>
                  <td data-label="GPUs">{a.gpus.length > 0 ? a.gpus.join(', ') : 'none'}</td>
                  <td data-label="Assigned" className="data-table__nowrap">
                    <time dateTime={a.assignedAt}>{formatDateTime(a.assignedAt)}</time>
                  </td>
                  <td data-label="Ran for" className="data-table__nowrap">
                    {a.startedAt
                      ? a.endedAt
                        ? formatDuration(Date.parse(a.endedAt) - Date.parse(a.startedAt))
                        : 'running'
                      : 'not started'}
                  </td>
                  <td data-label="Outcome">
                    {a.outcome ? (
                      <JobStateBadge state={a.outcome} />
                    ) : (
                      <span className="muted">in progress</span>
                    )}
                    {a.reason && <span className="data-table__line muted">{a.reason}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
