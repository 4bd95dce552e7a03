import { HISTORY_PAGE_SIZE, PAYOUTS_CSV_PATH, listPayouts, type Payout } from '../../api';
import { useToken } from '../../chain';
import { Alert } from '../../components/Alert';
import { CsvDownload } from '../../components/CsvDownload';
import { PageNav } from '../../components/PageNav';
import { PaymentBadge } from '../../components/PaymentBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { TxLink } from '../../components/TxLink';
import { formatAmount } from '../../format';
import { usePagedList } from '../../hooks';
import { useSession } from '../../session';

const REFRESH_MS = 15_000;
const KIND_LABEL: Record<Payout['kind'], string> = {
  earnings: 'Earnings',
  withdrawal: 'Withdrawal',
};

/** Payouts to this wallet, newest first, with their transactions on the explorer. */
export function PayoutList() {
  const { http } = useSession();
  const { decimals } = useToken();
  const { state, page, goToPage, retry } = usePagedList<Payout>(
    (offset, signal) => listPayouts(http, offset, signal),
    HISTORY_PAGE_SIZE,
    REFRESH_MS,
  );

  return (
    <section className="panel" aria-labelledby="payouts-heading">
      <div className="panel__head panel__head--wrap">
        <h2 id="payouts-heading">Payouts</h2>
        <CsvDownload path={PAYOUTS_CSV_PATH} filename="rigshare-payouts.csv">
          Export payouts (CSV)
        </CsvDownload>
      </div>
      {state.kind === 'loading' && <p role="status">Loading your payouts…</p>}
      {state.kind === 'error' && (
        <Alert title="Your payouts could not be loaded">
          <p>{state.message}</p>
          <button type="button" className="button button--small" onClick={retry}>
            Try again
          </button>
        </Alert>
      )}
      {state.kind === 'loaded' && state.result.items.length === 0 && page === 0 && (
        <p className="empty">
          No payouts yet. Earnings are paid out to this wallet in batches once jobs on your nodes
          are settled.
        </p>
      )}
      {state.kind === 'loaded' && (state.result.items.length > 0 || page > 0) && (
        <>
          {state.refreshError && (
            <p className="alert alert--info" role="status">
              Could not refresh ({state.refreshError}) Showing what was loaded last.
            </p>
          )}
          <div className="table-wrap">
            <table className="data-table">
              <caption className="sr-only">Your payouts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Status</th>
                  <th scope="col">Transaction</th>
                </tr>
              </thead>
              <tbody>
                {state.result.items.map((p) => (
                  <tr key={p.id}>
                    <td data-label="Created" className="data-table__nowrap">
                      <RelativeTime at={p.createdAt} />
                    </td>
                    <td data-label="Kind">{KIND_LABEL[p.kind] ?? p.kind}</td>
                    <td data-label="Amount" className="data-table__nowrap">
                      {formatAmount(p.amount, decimals)}
                    </td>
                    <td data-label="Status">
                      <PaymentBadge status={p.status} />
                      {p.error && <span className="data-table__line muted">{p.error}</span>}
                    </td>
                    <td data-label="Transaction">
                      {p.signature ? (
                        <TxLink signature={p.signature} href={p.explorerUrl} />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PageNav
            page={page}
            hasMore={state.result.hasMore}
            onPage={goToPage}
            label="Pages of payouts"
          />
        </>
      )}
    </section>
  );
}
