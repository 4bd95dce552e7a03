import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeError, getJob, type JobDetail, type JobView } from '../api';
import { Alert } from '../components/Alert';
import { RequireSession } from '../components/RequireSession';
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
  const { status } = useSession();
  return (
    <>
      <p className="back-link">
        <Link to="/jobs">← My jobs</Link>
      </p>
      {status !== 'signed-in' && (
        <header className="page-head">
          <h1>Job {shortId(id)}</h1>
        </header>
      )}
      <RequireSession purpose="see this job">
        <JobContent id={id} />
      </RequireSession>
    </>
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

  if (state.kind === 'loading') {
    return (
      <section className="panel" aria-busy="true">
        <p role="status">Loading the job…</p>
      </section>
    );
  }
  if (state.kind === 'missing') {
    return (
      <>
        <header className="page-head">
          <h1>Job not found</h1>
        </header>
        <Alert title="This job does not exist, or it is neither yours nor run by your nodes.">
          <p>
            Check the address, or open it from <Link to="/jobs">My jobs</Link> (or from a node’s
            page, for jobs your nodes ran).
          </p>
        </Alert>
      </>
    );
  }
  if (state.kind === 'error') {
    return (
      <Alert title="The job could not be loaded">
        <p>{state.message}</p>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setState({ kind: 'loading' });
            reload();
          }}
        >
          Try again
        </button>
      </Alert>
    );
  }

  const { job, role, attempts, transitions } = state.detail;
  return (
    <>
      <JobHeader job={job} role={role} onChanged={replaceJob} onStale={reload} />
      {job.waiting && job.state === 'queued' && <JobWaiting waiting={job.waiting} />}
      {state.refreshError && (
        <p className="alert alert--info" role="status">
          Could not refresh this page ({state.refreshError}) Showing what was loaded last.
        </p>
      )}
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
