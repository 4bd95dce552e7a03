import { useId, useMemo, useState, type FormEvent } from 'react';
import {
  describeError,
  earningsCsvPath,
  getEarnings,
  type Earnings,
  type EarningsRange,
} from '../api';
import { useToken } from '../chain';
import { Alert } from '../components/Alert';
import { CsvDownload } from '../components/CsvDownload';
import { RequireSession } from '../components/RequireSession';
import { usePageTitle } from '../components/usePageTitle';
import { parseRange, rangeProblem } from '../earnings/range';
import { usePolling } from '../hooks';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { EarningsChart } from './earnings/EarningsChart';
import { EarningsTotals, NodeEarningsTable } from './earnings/EarningsTables';
import { PayoutList } from './earnings/PayoutList';

const REFRESH_MS = 30_000;

type EarningsState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; byDay: Earnings; byNode: Earnings };

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
  // Parsed once per address: "today" may roll over while the page is open, the range should not.
  const range = useMemo(() => parseRange(search, Date.now()), [search]);
  const [state, setState] = useState<EarningsState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  usePolling(
    async (signal) => {
      try {
        const [byDay, byNode] = await Promise.all([
          getEarnings(http, range, 'day', signal),
          getEarnings(http, range, 'node', signal),
        ]);
        setState({ kind: 'loaded', byDay, byNode });
      } catch (error) {
        if (signal.aborted) return;
        setState((s) =>
          s.kind === 'loaded' ? s : { kind: 'error', message: describeError(error) },
        );
      }
    },
    REFRESH_MS,
    { restartKey: `${range.from}:${range.to}:${attempt}` },
  );

  const show = (next: EarningsRange) => {
    setState({ kind: 'loading' });
    navigate(`/earnings?from=${next.from}&to=${next.to}`);
  };

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
          <Alert title="Your earnings could not be loaded">
            <p>{state.message}</p>
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setState({ kind: 'loading' });
                setAttempt((n) => n + 1);
              }}
            >
              Try again
            </button>
          </Alert>
        )}
        {state.kind === 'loaded' &&
          state.byNode.rows.length === 0 &&
          state.byDay.rows.length === 0 && (
            <p className="empty">
              No earnings from {range.from} to {range.to}. Your nodes earn when they run jobs: check
              them in <Link to="/hosts/nodes">My nodes</Link>, or{' '}
              <Link to="/hosts/add">add a node</Link>.
            </p>
          )}
        {state.kind === 'loaded' &&
          (state.byNode.rows.length > 0 || state.byDay.rows.length > 0) && (
            <>
              <EarningsTotals totals={state.byDay.totals} decimals={decimals} />
              <EarningsChart range={range} rows={state.byDay.rows} decimals={decimals} />
              <h3>Per node</h3>
              <div className="table-wrap">
                <NodeEarningsTable rows={state.byNode.rows} decimals={decimals} />
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
