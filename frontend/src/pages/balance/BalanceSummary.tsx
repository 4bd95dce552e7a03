import { useState } from 'react';
import { describeError, getBalance, type Balance } from '../../api';
import { Alert } from '../../components/Alert';
import { formatAmount } from '../../format';
import { usePolling } from '../../hooks';
import { useSession } from '../../session';

const REFRESH_MS = 10_000;

type BalanceState =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; balance: Balance };

/** The wallet's balance on the marketplace; `refreshKey` changing (a deposit credited) reloads it. */
export function BalanceSummary({ refreshKey }: { refreshKey: number }) {
  const { http } = useSession();
  const [state, setState] = useState<BalanceState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  usePolling(
    async (signal) => {
      try {
        setState({ kind: 'loaded', balance: await getBalance(http, signal) });
      } catch (error) {
        if (signal.aborted) return;
        setState((s) =>
          s.kind === 'loaded' ? s : { kind: 'error', message: describeError(error) },
        );
      }
    },
    REFRESH_MS,
    { restartKey: `${refreshKey}:${attempt}` },
  );

  if (state.kind === 'loading') {
    return (
      <section className="panel" aria-busy="true">
        <p role="status">Loading your balance…</p>
      </section>
    );
  }
  if (state.kind === 'error') {
    return (
      <Alert title="Your balance could not be loaded">
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
    );
  }
  const { balance } = state;
  const amount = (units: string) => formatAmount(units, balance.decimals);
  return (
    <section className="panel balance" aria-labelledby="balance-heading">
      <h2 id="balance-heading">Balance</h2>
      <dl className="balance__figures">
        <div className="balance__main">
          <dt>Available</dt>
          <dd>
            {amount(balance.available)} <span className="muted">tokens</span>
          </dd>
        </div>
        <div>
          <dt>Held for your jobs</dt>
          <dd>{amount(balance.escrowed)}</dd>
        </div>
        <div>
          <dt>Earnings pending</dt>
          <dd>{amount(balance.earnings.pending)}</dd>
        </div>
        <div>
          <dt>Earnings being paid</dt>
          <dd>{amount(balance.earnings.inFlight)}</dd>
        </div>
        <div>
          <dt>Earnings paid</dt>
          <dd>{amount(balance.earnings.paid)}</dd>
        </div>
      </dl>
      <p className="muted field__help">
        Jobs are paid from the available balance: a job holds its most possible cost while it runs
        and gives back what it did not use.
      </p>
    </section>
  );
}
