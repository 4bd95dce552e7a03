import { useCallback } from 'react';
import { getJob, orNotFound, type JobDetail, type JobView } from '../api';
import { LoadError } from '../components/LoadError';
import { LoadingPanel } from '../components/LoadingPanel';
import { MissingNotice } from '../components/MissingNotice';
import { OwnedPageShell } from '../components/OwnedPageShell';
import { RefreshError } from '../components/RefreshError';
import { usePageTitle } from '../components/usePageTitle';
import { usePolledLoad } from '../hooks';
import { isTerminal } from '../jobs/states';
import { shortId } from '../jobs/summary';
import { Link } from '../router';
import { useSession } from '../session';
import { AttemptList } from './job/AttemptList';
import { BillingPanel } from './job/BillingPanel';
import { JobDetails } from './job/JobDetails';
import { JobHeader } from './job/JobHeader';
import { JobTimeline } from './job/JobTimeline';
import { JobWaiting } from './job/JobWaiting';
import { LogsPanel } from './job/LogsPanel';
import { ReceiptPanel } from './job/ReceiptPanel';

/** While the job can change, its page refreshes this often. */
const REFRESH_MS = 2000;

/**
 * Whether the job can still change. An ended one changes no more once its billing is settled
 * (settlement runs a little after the end): polling stops then, and a reload fetches it when needed.
 */
function canChange(detail: JobDetail | null): boolean {
  if (detail === null) return false;
  const { state, billing } = detail.job;
  return !isTerminal(state) || (billing != null && !billing.settled);
}

export function JobPage({ id }: { id: string }) {
  return (
    <OwnedPageShell
      backTo="/jobs"
      backLabel="My jobs"
      title={`Job ${shortId(id)}`}
      purpose="see this job"
    >
      <JobContent id={id} />
    </OwnedPageShell>
  );
}

function JobContent({ id }: { id: string }) {
  const { http } = useSession();
  usePageTitle(`Job ${shortId(id)}`);
  const { state, retry, reload, update } = usePolledLoad(
    (signal) => orNotFound(getJob(http, id, signal)),
    REFRESH_MS,
    { keepPolling: canChange },
  );

  const replaceJob = useCallback(
    (job: JobView) => {
      update((detail) => detail && { ...detail, job });
      // The change brings a transition (and maybe a receipt): fetch them.
      reload();
    },
    [update, reload],
  );

  if (state.kind === 'loading') return <LoadingPanel what="the job" />;
  if (state.kind === 'error') {
    return (
      <LoadError title="The job could not be loaded" message={state.message} onRetry={retry} />
    );
  }
  if (state.result === null) {
    return (
      <MissingNotice
        heading="Job not found"
        title="This job does not exist, or it is neither yours nor run by your nodes."
      >
        <p>
          Check the address, or open it from <Link to="/jobs">My jobs</Link> (or from a node’s page,
          for jobs your nodes ran).
        </p>
      </MissingNotice>
    );
  }

  const { job, role, attempts, transitions } = state.result;
  return (
    <>
      <JobHeader job={job} role={role} onChanged={replaceJob} onStale={reload} />
      {job.waiting && job.state === 'queued' && <JobWaiting waiting={job.waiting} />}
      <RefreshError error={state.refreshError} what="this page" />
      <LogsPanel job={job} onEnded={reload} />
      <div className="job-grid">
        <JobDetails job={job} role={role} />
        <div className="job-grid__column">
          <JobTimeline transitions={transitions} />
          <BillingPanel billing={job.billing ?? null} role={role} />
          <ReceiptPanel receipt={job.receipt} state={job.state} />
        </div>
      </div>
      <AttemptList attempts={attempts} role={role} />
    </>
  );
}
