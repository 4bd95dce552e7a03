import { useId, useMemo, useState, type FormEvent } from 'react';
import { earningsCsvPath, getEarnings, type EarningsRange } from '../api';
import { useToken } from '../chain';
import { CsvDownload } from '../components/CsvDownload';
import { LoadError } from '../components/LoadError';
import { RefreshError } from '../components/RefreshError';
import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { parseRange, rangeProblem } from '../earnings/range';
import { usePolledLoad } from '../hooks';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { EarningsChart } from './earnings/EarningsChart';
import { EarningsTotals, NodeEarningsTable } from './earnings/EarningsTables';
import { PayoutList } from './earnings/PayoutList';

const REFRESH_MS = 30_000;

export function EarningsPage() {
  usePageTitle('Earnings');
  return (
    <>
      <header className="page-head">
        <h1>Earnings</h1>
        <p className="lead">
          What your nodes earned from jobs, what is waiting to be paid, and the payouts sent to your
          wallet.
        </p>
      </header>
      <RequireSession purpose="see your earnings">
        <EarningsContent />
      </RequireSession>
    </>
  );
}

function EarningsContent() {
  const { http } = useSession();
  const { decimals } = useToken();
  const { search, navigate } = useRouter();
  // "Today" as the page was opened: it may roll over while the page is open, the range should not.
  const [openedAt] = useState(() => Date.now());
  const range = useMemo(() => parseRange(search, openedAt), [search, openedAt]);
  const { state, retry } = usePolledLoad(
    async (signal) => {
      const [byDay, byNode] = await Promise.all([
        getEarnings(http, range, 'day', signal),
        getEarnings(http, range, 'node', signal),
      ]);
      return { byDay, byNode };
    },
    REFRESH_MS,
    { view: `${range.from}:${range.to}` },
  );
  const earnings = state.kind === 'loaded' ? state.result : null;
  const earned =
    earnings !== null && (earnings.byNode.rows.length > 0 || earnings.byDay.rows.length > 0);

  const show = (next: EarningsRange) => navigate(`/earnings?from=${next.from}&to=${next.to}`);

  return (
    <>
      <section
        className="panel"
        aria-labelledby="earnings-heading"
        aria-busy={state.kind === 'loading'}
      >
        <div className="panel__head panel__head--wrap">
          <h2 id="earnings-heading">
            {range.from} to {range.to}
          </h2>
          <div className="exports">
            <CsvDownload
              path={earningsCsvPath(range, 'day')}
              filename={`rigshare-earnings-${range.from}-${range.to}-by-day.csv`}
            >
              Export by day (CSV)
            </CsvDownload>
            <CsvDownload
              path={earningsCsvPath(range, 'node')}
              filename={`rigshare-earnings-${range.from}-${range.to}-by-node.csv`}
            >
              Export by node (CSV)
            </CsvDownload>
          </div>
        </div>
        <RangeForm key={`${range.from}:${range.to}`} range={range} onApply={show} />
        {state.kind === 'loading' && <p role="status">Loading your earnings…</p>}
        {state.kind === 'error' && (
          <LoadError
            title="Your earnings could not be loaded"
            message={state.message}
            onRetry={retry}
          />
        )}
        {state.kind === 'loaded' && (
          <RefreshError error={state.refreshError} what="your earnings" />
        )}
        {earnings && !earned && (
          <p className="empty">
            No earnings from {range.from} to {range.to}. Your nodes earn when they run jobs: check
            them in <Link to="/hosts/nodes">My nodes</Link>, or{' '}
            <Link to="/hosts/add">add a node</Link>.
          </p>
        )}
        {earnings && earned && (
          <>
            <EarningsTotals totals={earnings.byDay.totals} decimals={decimals} />
            <EarningsChart range={range} rows={earnings.byDay.rows} decimals={decimals} />
            <h3>Per node</h3>
            <div className="table-wrap">
              <NodeEarningsTable rows={earnings.byNode.rows} decimals={decimals} />
            </div>
          </>
        )}
      </section>
      <PayoutList />
    </>
  );
}

function RangeForm({
  range,
  onApply,
}: {
  range: EarningsRange;
  onApply: (range: EarningsRange) => void;
}) {
  const id = useId();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = rangeProblem(from, to);
    setProblem(found);
    if (!found) onApply({ from, to });
  };
  return (
    <form className="earnings-range" onSubmit={submit} aria-label="Period" noValidate>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          className="input"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          className="input"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      <button type="submit" className="button button--small">
        Show
      </button>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
