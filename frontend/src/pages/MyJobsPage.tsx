import { useCallback, useId, useState } from 'react';
import { JOBS_PAGE_SIZE, listMyJobs, type JobPage, type JobState } from '../api';
import { LoadError } from '../components/LoadError';
import { Pager } from '../components/Pager';
import { RefreshError } from '../components/RefreshError';
import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { usePolledLoad } from '../hooks';
import { isTerminal, JOB_STATES, stateLabel } from '../jobs/states';
import { Link } from '../router';
import { useSession } from '../session';
import { JobTable } from './my-jobs/JobTable';

/** Refresh often while a job on the page can still change, rarely once all have ended. */
const ACTIVE_REFRESH_MS = 2000;
const IDLE_REFRESH_MS = 15_000;

export function MyJobsPage() {
  usePageTitle('My jobs');
  return (
    <>
      <header className="page-head">
        <h1>My jobs</h1>
        <p className="lead">
          The jobs you submitted, newest first. While any of them is queued or running, this list
          refreshes itself every 2 seconds.
        </p>
      </header>
      <RequireSession purpose="see your jobs">
        <MyJobsContent />
      </RequireSession>
    </>
  );
}

function MyJobsContent() {
  const { http } = useSession();
  const filterId = useId();
  const [filter, setFilter] = useState<JobState | ''>('');
  const [page, setPage] = useState(0);
  // Whether a job on the page can still change: the last answer sets how soon the next comes.
  const [active, setActive] = useState(true);
  const { state, retry } = usePolledLoad(
    async (signal) => {
      const result = await listMyJobs(http, { state: filter || undefined, page }, signal);
      setActive(result.items.some((job) => !isTerminal(job.state)));
      return result;
    },
    active ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS,
    { view: `${filter}:${page}` },
  );
  const changeFilter = useCallback((next: JobState | '') => {
    setPage(0);
    setFilter(next);
  }, []);

  return (
    <section className="panel" aria-labelledby="jobs-heading" aria-busy={state.kind === 'loading'}>
      <div className="panel__head panel__head--wrap">
        <h2 id="jobs-heading">Your jobs</h2>
        <div className="toolbar">
          <label htmlFor={filterId} className="toolbar__label">
            State
          </label>
          <select
            id={filterId}
            className="input select"
            value={filter}
            onChange={(e) => changeFilter(e.target.value as JobState | '')}
          >
            <option value="">All states</option>
            {JOB_STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
          <Link to="/jobs/new" className="button button--primary button--small">
            Submit a job
          </Link>
        </div>
      </div>
      {state.kind === 'loading' && <p role="status">Loading your jobs…</p>}
      {state.kind === 'error' && (
        <LoadError title="Your jobs could not be loaded" message={state.message} onRetry={retry}>
          <p>Try again; if it keeps failing, reload the page or sign in again.</p>
        </LoadError>
      )}
      {state.kind === 'loaded' && (
        <LoadedJobs
          result={state.result}
          refreshError={state.refreshError}
          filter={filter}
          page={page}
          onPage={setPage}
          onShowAll={() => changeFilter('')}
          refreshSeconds={(active ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS) / 1000}
        />
      )}
    </section>
  );
}

interface LoadedJobsProps {
  result: JobPage;
  refreshError: string | null;
  filter: JobState | '';
  page: number;
  onPage: (page: number) => void;
  onShowAll: () => void;
  refreshSeconds: number;
}

function LoadedJobs(props: LoadedJobsProps) {
  const { result, refreshError, filter, page, onPage, onShowAll, refreshSeconds } = props;
  if (result.total === 0 && filter) {
    return (
      <div className="empty">
        <p>No job of yours is {stateLabel(filter)}.</p>
        <button type="button" className="button button--small" onClick={onShowAll}>
          Show all states
        </button>
      </div>
    );
  }
  if (result.total === 0) {
    return (
      <p className="empty">
        No jobs yet — <Link to="/jobs/new">submit one</Link>. Choose a command or a container, the
        GPUs it needs and the most you will pay per hour; it appears here at once.
      </p>
    );
  }
  return (
    <>
      <RefreshError error={refreshError} what="the list" retrySeconds={refreshSeconds} />
      <p className="sr-only" aria-live="polite">
        {countByState(result)}
      </p>
      <div className="table-wrap">
        <JobTable jobs={result.items} />
      </div>
      <Pager
        page={page}
        size={result.size || JOBS_PAGE_SIZE}
        total={result.total}
        onPage={onPage}
        label="Pages of jobs"
      />
    </>
  );
}

/** "12 jobs: 2 running, 10 succeeded", what screen readers hear when states change. */
function countByState(result: JobPage): string {
  const counts = new Map<string, number>();
  for (const job of result.items) counts.set(job.state, (counts.get(job.state) ?? 0) + 1);
  const parts = [...counts.entries()].map(([s, n]) => `${n} ${stateLabel(s)}`);
  return `${result.total} job${result.total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
