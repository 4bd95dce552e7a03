import type { JobRole, JobView } from '../../api';
import { JobStateBadge } from '../../components/JobStateBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { isTerminal } from '../../jobs/states';
import { shortId } from '../../jobs/summary';
import { CancelJob } from './CancelJob';

interface JobHeaderProps {
  job: JobView;
  role: JobRole;
  onChanged: (job: JobView) => void;
  /** The page's view is out of date (a cancel found the job ended): load it again. */
  onStale: () => void;
}

/** The job's id and state, why it is in it, and (for its buyer) the way to cancel it. */
export function JobHeader({ job, role, onChanged, onStale }: JobHeaderProps) {
  const stopping = job.cancelRequested && !isTerminal(job.state);
  return (
    <header className="page-head job-head">
      <div className="job-head__title">
        <h1>
          Job <span className="mono">{shortId(job.id)}</span>
        </h1>
        {role === 'buyer' && !isTerminal(job.state) && !stopping && (
          <CancelJob job={job} onChanged={onChanged} onStale={onStale} />
        )}
      </div>
      <p className="job-head__facts">
        <span aria-live="polite">
          <span className="sr-only">State: </span>
          <JobStateBadge state={job.state} />
        </span>
        {job.reason && <span className="job-head__reason">{job.reason}</span>}
        <span>
          Submitted <RelativeTime at={job.createdAt} />
        </span>
        <span className="mono muted" title="The job's full id">
          {job.id}
        </span>
      </p>
      {stopping && (
        <p className="waiting" role="status">
          <span className="waiting__title">
            <span className="spinner" aria-hidden="true" />
            Stopping on the node…
          </span>
          <span className="muted">
            You asked to cancel this job. It ends as soon as its node reports that it stopped; you
            pay for the time it ran until then.
          </span>
        </p>
      )}
      {role === 'host' && (
        <p className="alert alert--info" role="note">
          You see this job because one of your nodes ran it. It is read-only here, and the buyer’s
          environment values are hidden (***).
        </p>
      )}
    </header>
  );
}
