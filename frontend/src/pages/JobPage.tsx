import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeError, getJob, type JobDetail, type JobView } from '../api';
import { LoadError } from '../components/LoadError';
import { LoadingPanel } from '../components/LoadingPanel';
import { MissingNotice } from '../components/MissingNotice';
import { OwnedPageShell } from '../components/OwnedPageShell';
import { RefreshError } from '../components/RefreshError';
import { usePageTitle } from '../components/usePageTitle';
import { usePolling } from '../hooks';
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

type DetailState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; detail: JobDetail; refreshError: string | null };

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
  const [state, setState] = useState<DetailState>({ kind: 'loading' });
  const ended = state.kind === 'loaded' && isTerminal(state.detail.job.state);
  usePageTitle(`Job ${shortId(id)}`);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const detail = await getJob(http, id, signal);
        setState({ kind: 'loaded', detail, refreshError: null });
      } catch (error) {
        if (signal?.aborted) return;
        if (error instanceof ApiError && error.status === 404) {
          setState({ kind: 'missing' });
          return;
        }
        const message = describeError(error);
        setState((s) =>
          s.kind === 'loaded' ? { ...s, refreshError: message } : { kind: 'error', message },
        );
      }
    },
    [http, id],
  );

  // An ended job changes no more once its billing is settled (settlement runs a little after the
  // end): polling stops then, and `reload` fetches it once when needed.
  const billing = state.kind === 'loaded' ? state.detail.job.billing : null;
  const settling = billing != null && !billing.settled;
  usePolling(load, REFRESH_MS, { enabled: state.kind !== 'missing' && (!ended || settling) });
  // A reload outside the polling (also after the job ended): a newer one supersedes it, leaving the page ends it.
  const manual = useRef<AbortController | null>(null);
  useEffect(() => () => manual.current?.abort(), []);
  const reload = useCallback(() => {
    manual.current?.abort();
    const controller = new AbortController();
    manual.current = controller;
    void load(controller.signal);
  }, [load]);

  const replaceJob = useCallback(
    (job: JobView) => {
      setState((s) => (s.kind === 'loaded' ? { ...s, detail: { ...s.detail, job } } : s));
      // The change brings a transition (and maybe a receipt): fetch them.
      reload();
    },
    [reload],
  );

  if (state.kind === 'loading') return <LoadingPanel what="the job" />;
  if (state.kind === 'missing') {
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
  if (state.kind === 'error') {
    return (
      <LoadError
        title="The job could not be loaded"
        message={state.message}
        onRetry={() => {
          setState({ kind: 'loading' });
          reload();
        }}
      />
    );
  }

  const { job, role, attempts, transitions } = state.detail;
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
