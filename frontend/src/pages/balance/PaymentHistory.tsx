import {
  HISTORY_PAGE_SIZE,
  listDeposits,
  listWithdrawals,
  type Deposit,
  type HttpClient,
  type ListPage,
  type Withdrawal,
} from '../../api';
import { PagedListShell } from '../../components/PagedListShell';
import { PaymentTable, type PaymentRow } from '../../components/PaymentTable';
import { useToken } from '../../chain';
import { formatAmount } from '../../format';
import { usePagedList } from '../../hooks';
import { useSession } from '../../session';

const REFRESH_MS = 15_000;

/** The wallet's deposits, newest first; `refreshKey` changing reloads them. */
export function DepositHistory({ refreshKey }: { refreshKey: number }) {
  return (
    <PaymentHistory
      what="deposits"
      heading="Deposits"
      timeLabel="Created"
      load={listDeposits}
      toRow={(d: Deposit) => ({
        id: d.id,
        at: d.createdAt,
        amount: formatAmount(d.amount, d.decimals),
        status: d.status === 'pending' && d.expired ? 'expired' : d.status,
        note: d.reason,
        signature: d.signature,
      })}
      refreshKey={refreshKey}
    />
  );
}

/** The wallet's withdrawals, newest first; `refreshKey` changing reloads them. */
export function WithdrawalHistory({ refreshKey }: { refreshKey: number }) {
  const { decimals } = useToken();
  return (
    <PaymentHistory
      what="withdrawals"
      heading="Withdrawals"
      timeLabel="Requested"
      load={listWithdrawals}
      toRow={(w: Withdrawal) => ({
        id: w.id,
        at: w.createdAt,
        amount: formatAmount(w.amount, decimals),
        status: w.status,
        note: w.error,
        signature: w.signature,
        href: w.explorerUrl,
      })}
      refreshKey={refreshKey}
    />
  );
}

interface PaymentHistoryProps<T> {
  /** "deposits": the panel's id and the words of its states. */
  what: string;
  heading: string;
  /** The first column's heading. */
  timeLabel: string;
  load: (http: HttpClient, offset: number, signal: AbortSignal) => Promise<ListPage<T>>;
  toRow: (item: T) => PaymentRow;
  refreshKey: number;
}

/** One history panel of the wallet's movements, newest first, paged. */
function PaymentHistory<T>({
  what,
  heading,
  timeLabel,
  load,
  toRow,
  refreshKey,
}: PaymentHistoryProps<T>) {
  const { http } = useSession();
  const list = usePagedList<T>(
    (offset, signal) => load(http, offset, signal),
    HISTORY_PAGE_SIZE,
    REFRESH_MS,
    refreshKey,
  );
  return (
    <section className="panel" aria-labelledby={`${what}-heading`}>
      <h2 id={`${what}-heading`}>{heading}</h2>
      <PagedListShell {...list} what={what} empty={`No ${what} yet.`}>
        {(items) => (
          <PaymentTable
            caption={`Your ${what}, newest first`}
            timeLabel={timeLabel}
            rows={items.map(toRow)}
          />
        )}
      </PagedListShell>
    </section>
  );
}
