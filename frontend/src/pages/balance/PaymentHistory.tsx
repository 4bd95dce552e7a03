import {
  HISTORY_PAGE_SIZE,
  listDeposits,
  listWithdrawals,
  type Deposit,
  type Withdrawal,
} from '../../api';
import { Alert } from '../../components/Alert';
import { PageNav } from '../../components/PageNav';
import { PaymentBadge } from '../../components/PaymentBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { TxLink } from '../../components/TxLink';
import { useToken } from '../../chain';
import { formatAmount } from '../../format';
import { usePagedList, type PagedListState } from '../../hooks';
import { useSession } from '../../session';

const REFRESH_MS = 15_000;

interface ListShellProps<T> {
  state: PagedListState<T>;
  what: string;
  empty: string;
  retry: () => void;
  page: number;
  goToPage: (page: number) => void;
  children: (items: T[]) => React.ReactNode;
}

/** Loading, error, empty, refresh-failed and paging around a history table. */
function ListShell<T>({ state, what, empty, retry, page, goToPage, children }: ListShellProps<T>) {
  if (state.kind === 'loading') return <p role="status">Loading your {what}…</p>;
  if (state.kind === 'error') {
    return (
      <Alert title={`Your ${what} could not be loaded`}>
        <p>{state.message}</p>
        <button type="button" className="button button--small" onClick={retry}>
          Try again
        </button>
      </Alert>
    );
  }
  if (state.result.items.length === 0 && page === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      {state.refreshError && (
        <p className="alert alert--info" role="status">
          Could not refresh ({state.refreshError}) Showing what was loaded last.
        </p>
      )}
      <div className="table-wrap">{children(state.result.items)}</div>
      <PageNav
        page={page}
        hasMore={state.result.hasMore}
        onPage={goToPage}
        label={`Pages of ${what}`}
      />
    </>
  );
}

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
      <ListShell {...list} what="deposits" empty="No deposits yet.">
        {(items) => (
          <table className="data-table">
            <caption className="sr-only">Your deposits, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Transaction</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td data-label="Created" className="data-table__nowrap">
                    <RelativeTime at={d.createdAt} />
                  </td>
                  <td data-label="Amount" className="data-table__nowrap">
                    {formatAmount(d.amount, d.decimals)}
                  </td>
                  <td data-label="Status">
                    <PaymentBadge
                      status={d.status === 'pending' && d.expired ? 'expired' : d.status}
                    />
                    {d.reason && <span className="data-table__line muted">{d.reason}</span>}
                  </td>
                  <td data-label="Transaction">
                    {d.signature ? (
                      <TxLink signature={d.signature} />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListShell>
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
      <ListShell {...list} what="withdrawals" empty="No withdrawals yet.">
        {(items) => (
          <table className="data-table">
            <caption className="sr-only">Your withdrawals, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Transaction</th>
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.id}>
                  <td data-label="Requested" className="data-table__nowrap">
                    <RelativeTime at={w.createdAt} />
                  </td>
                  <td data-label="Amount" className="data-table__nowrap">
                    {formatAmount(w.amount, decimals)}
                  </td>
                  <td data-label="Status">
                    <PaymentBadge status={w.status} />
                    {w.error && <span className="data-table__line muted">{w.error}</span>}
                  </td>
                  <td data-label="Transaction">
                    {w.signature ? (
                      <TxLink signature={w.signature} href={w.explorerUrl} />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListShell>
    </section>
  );
}
