import { PaymentBadge } from './PaymentBadge';
import { RelativeTime } from './RelativeTime';
import { TxLink } from './TxLink';

/** One money movement as the history tables show it; `amount` is already formatted with the token's decimals. */
export interface PaymentRow {
  id: string;
  at: string;
  kind?: string;
  amount: string;
  status: string;
  note?: string | null;
  signature: string | null;
  href?: string | null;
}

interface PaymentTableProps {
  caption: string;
  /** The first column's heading: when the movement was created or requested. */
  timeLabel: string;
  /** Shows a Kind column (rows then carry `kind`). */
  withKind?: boolean;
  rows: PaymentRow[];
}

/** Deposits, withdrawals and payouts: when, (kind,) amount, status with its note, and the transaction. */
export function PaymentTable({ caption, timeLabel, withKind = false, rows }: PaymentTableProps) {
  return (
    <table className="data-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{timeLabel}</th>
          {withKind && <th scope="col">Kind</th>}
          <th scope="col">Amount</th>
          <th scope="col">Status</th>
          <th scope="col">Transaction</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td data-label={timeLabel} className="data-table__nowrap">
              <RelativeTime at={r.at} />
            </td>
            {withKind && <td data-label="Kind">{r.kind}</td>}
            <td data-label="Amount" className="data-table__nowrap">
              {r.amount}
            </td>
            <td data-label="Status">
              <PaymentBadge status={r.status} />
              {r.note && <span className="data-table__line muted">{r.note}</span>}
            </td>
            <td data-label="Transaction">
              {r.signature ? (
                <TxLink signature={r.signature} href={r.href} />
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
