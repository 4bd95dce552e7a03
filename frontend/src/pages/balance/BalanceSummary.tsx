import { getBalance } from '../../api';
import { LoadError } from '../../components/LoadError';
import { LoadingPanel } from '../../components/LoadingPanel';
import { formatAmount } from '../../format';
import { usePolledLoad } from '../../hooks';
import { useSession } from '../../session';

const REFRESH_MS = 10_000;

/** The wallet's balance on the marketplace; `refreshKey` changing (a deposit credited) reloads it. */
export function BalanceSummary({ refreshKey }: { refreshKey: number }) {
  const { http } = useSession();
  const { state, retry } = usePolledLoad((signal) => getBalance(http, signal), REFRESH_MS, {
    refreshKey,
  });

  if (state.kind === 'loading') return <LoadingPanel what="your balance" />;
  if (state.kind === 'error') {
    return (
      <LoadError title="Your balance could not be loaded" message={state.message} onRetry={retry} />
    );
  }
  const balance = state.result;
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
