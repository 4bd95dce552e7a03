import { HISTORY_PAGE_SIZE, PAYOUTS_CSV_PATH, listPayouts, type Payout } from '../../api';
import { useToken } from '../../chain';
import { CsvDownload } from '../../components/CsvDownload';
import { PagedListShell } from '../../components/PagedListShell';
import { PaymentTable } from '../../components/PaymentTable';
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
  const list = usePagedList<Payout>(
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
      <PagedListShell
        {...list}
        what="payouts"
        empty="No payouts yet. Earnings are paid out to this wallet in batches once jobs on your nodes are settled."
      >
        {(items) => (
          <PaymentTable
            caption="Your payouts, newest first"
            timeLabel="Created"
            withKind
            rows={items.map((p) => ({
              id: p.id,
              at: p.createdAt,
              kind: KIND_LABEL[p.kind] ?? p.kind,
              amount: formatAmount(p.amount, decimals),
              status: p.status,
              note: p.error,
              signature: p.signature,
              href: p.explorerUrl,
            }))}
          />
        )}
      </PagedListShell>
    </section>
  );
}
