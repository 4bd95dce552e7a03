import {
  HISTORY_PAGE_SIZE,
  listDeposits,
  listWithdrawals,
  type Deposit,
  type Withdrawal,
} from '../../api';
import { PagedListShell } from '../../components/PagedListShell';
import { PaymentTable } from '../../components/PaymentTable';
import { useToken } from '../../chain';
import { formatAmount } from '../../format';
import { usePagedList } from '../../hooks';
import { useSession } from '../../session';

const REFRESH_MS = 15_000;

/** The wallet's deposits, newest first; `refreshKey` changing reloads them. */
export function DepositHistory({ refreshKey }: { refreshKey: number }) {
  const { http } = useSession();
  const list = usePagedList<Deposit>(
    (offset, signal) => listDeposits(http, offset, signal),
    HISTORY_PAGE_SIZE,
    REFRESH_MS,
    refreshKey,
  );
  return (
    <section className="panel" aria-labelledby="deposits-heading">
      <h2 id="deposits-heading">Deposits</h2>
      <PagedListShell {...list} what="deposits" empty="No deposits yet.">
        {(items) => (
          <PaymentTable
            caption="Your deposits, newest first"
            timeLabel="Created"
            rows={items.map((d) => ({
              id: d.id,
              at: d.createdAt,
              amount: formatAmount(d.amount, d.decimals),
              status: d.status === 'pending' && d.expired ? 'expired' : d.status,
              note: d.reason,
              signature: d.signature,
            }))}
          />
        )}
      </PagedListShell>
    </section>
  );
}

/** The wallet's withdrawals, newest first; `refreshKey` changing reloads them. */
export function WithdrawalHistory({ refreshKey }: { refreshKey: number }) {
  const { http } = useSession();
  const { decimals } = useToken();
  const list = usePagedList<Withdrawal>(
    (offset, signal) => listWithdrawals(http, offset, signal),
    HISTORY_PAGE_SIZE,
    REFRESH_MS,
    refreshKey,
  );
  return (
    <section className="panel" aria-labelledby="withdrawals-heading">
      <h2 id="withdrawals-heading">Withdrawals</h2>
      <PagedListShell {...list} what="withdrawals" empty="No withdrawals yet.">
        {(items) => (
          <PaymentTable
            caption="Your withdrawals, newest first"
            timeLabel="Requested"
            rows={items.map((w) => ({
              id: w.id,
              at: w.createdAt,
              amount: formatAmount(w.amount, decimals),
              status: w.status,
              note: w.error,
              signature: w.signature,
              href: w.explorerUrl,
            }))}
          />
        )}
      </PagedListShell>
    </section>
  );
}
