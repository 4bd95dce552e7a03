import {
  getLedgerCheck,
  getQueueStats,
  listAdminErrors,
  listAdminPayouts,
  type QueueStats,
} from '../../api';
import { useToken } from '../../chain';
import { PaymentBadge } from '../../components/PaymentBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { TxLink } from '../../components/TxLink';
import { formatAmount, formatDateTime, formatDuration, formatLatency } from '../../format';
import { JOB_STATES, stateLabel } from '../../jobs/states';
import { useSession } from '../../session';
import { AdminSection } from './AdminSection';
import { useAdminData } from './useAdminData';

const REFRESH_MS = 10_000;

interface PanelProps {
  onForbidden: () => void;
}

export function QueuePanel({ onForbidden }: PanelProps) {
  const { http } = useSession();
  const { state, retry } = useAdminData<QueueStats>(
    (signal) => getQueueStats(http, signal),
    REFRESH_MS,
    onForbidden,
  );
  return (
    <AdminSection id="admin-queue" title="Queue" state={state} retry={retry}>
      {(stats) => (
        <>
          <dl className="stats">
            {JOB_STATES.map((s) => (
              <div key={s} className="stats__item">
                <dt>{stateLabel(s)}</dt>
                <dd>{stats.counts[s] ?? 0}</dd>
              </div>
            ))}
          </dl>
          <p className="muted field__help">
            Oldest queued:{' '}
            {stats.oldestQueuedAgeSeconds === null
              ? 'none waiting'
              : formatDuration(stats.oldestQueuedAgeSeconds * 1000)}
            . Start delay p50 {formatLatency(stats.dispatchLatency.p50Ms)}, p99{' '}
            {formatLatency(stats.dispatchLatency.p99Ms)} over {stats.dispatchLatency.samples} jobs.
          </p>
        </>
      )}
    </AdminSection>
  );
}

export function LedgerPanel({ onForbidden }: PanelProps) {
  const { http } = useSession();
  const { decimals } = useToken();
  const { state, retry } = useAdminData(
    (signal) => getLedgerCheck(http, signal),
    REFRESH_MS * 3,
    onForbidden,
  );
  return (
    <AdminSection id="admin-ledger" title="Ledger check" state={state} retry={retry}>
      {(check) => (
        <>
          <p className={check.ok ? 'ack__text ack__text--ok' : 'ack__text ack__text--error'}>
            {check.ok ? '✓ The ledger balances.' : '✗ The ledger does not balance.'}
          </p>
          <dl className="facts facts--compact">
            <div className="facts__item">
              <dt>Accounts</dt>
              <dd>{check.accounts.toLocaleString()}</dd>
            </div>
            <div className="facts__item">
              <dt>Transfers</dt>
              <dd>{check.transfers.toLocaleString()}</dd>
            </div>
            <div className="facts__item">
              <dt>Sum of all accounts</dt>
              <dd>{formatAmount(check.sum, decimals)}</dd>
            </div>
            <div className="facts__item">
              <dt>Owed to users</dt>
              <dd>{formatAmount(check.liabilities, decimals)}</dd>
            </div>
            <div className="facts__item">
              <dt>Treasury on chain</dt>
              <dd>
                {check.treasuryOnChain === null
                  ? 'not readable now'
                  : formatAmount(check.treasuryOnChain, decimals)}
              </dd>
            </div>
          </dl>
          {check.problems.length > 0 && (
            <ul className="problem-list" aria-label="Ledger problems">
              {check.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </AdminSection>
  );
}

export function PayoutBatchesPanel({ onForbidden }: PanelProps) {
  const { http } = useSession();
  const { decimals } = useToken();
  const { state, retry } = useAdminData(
    (signal) => listAdminPayouts(http, signal),
    REFRESH_MS,
    onForbidden,
  );
  return (
    <AdminSection id="admin-payouts" title="Payouts in flight" state={state} retry={retry}>
      {({ items }) =>
        items.length === 0 ? (
          <p className="empty">No payout batch is in flight.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="sr-only">Payout batches in flight</caption>
              <thead>
                <tr>
                  <th scope="col">Batch</th>
                  <th scope="col">Status</th>
                  <th scope="col">Payouts</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Transaction</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b) => (
                  <tr key={b.batchId}>
                    <th scope="row" className="mono" title={b.batchId}>
                      {b.batchId.slice(0, 8)}
                    </th>
                    <td data-label="Status">
                      <PaymentBadge status={b.status} />
                      {b.error && <span className="data-table__line muted">{b.error}</span>}
                    </td>
                    <td data-label="Payouts">{b.items}</td>
                    <td data-label="Amount" className="data-table__nowrap">
                      {formatAmount(b.amount, decimals)}
                    </td>
                    <td data-label="Attempts">{b.attempts}</td>
                    <td data-label="Transaction">
                      {b.signature ? (
                        <TxLink signature={b.signature} />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td data-label="Updated" className="data-table__nowrap">
                      <RelativeTime at={b.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </AdminSection>
  );
}

export function ErrorsPanel({ onForbidden }: PanelProps) {
  const { http } = useSession();
  const { state, retry } = useAdminData(
    (signal) => listAdminErrors(http, signal),
    REFRESH_MS,
    onForbidden,
  );
  return (
    <AdminSection id="admin-errors" title="Recent errors" state={state} retry={retry}>
      {({ items }) =>
        items.length === 0 ? (
          <p className="empty">No recent errors.</p>
        ) : (
          <ol className="history" aria-label="Recent errors, newest first">
            {items.map((e, i) => (
              <li key={`${e.at}:${i}`} className="history__item">
                <span className="history__time" title={formatDateTime(e.at)}>
                  <RelativeTime at={e.at} />
                </span>
                <span className="history__change mono">{e.source}</span>
                <span className="history__reason">{e.message}</span>
              </li>
            ))}
          </ol>
        )
      }
    </AdminSection>
  );
}
