import type { EarningsFigures, EarningsRow } from '../../api';
import { formatAmount, formatDuration } from '../../format';
import { Link } from '../../router';

/** The period's totals. */
export function EarningsTotals({
  totals,
  decimals,
}: {
  totals: EarningsFigures;
  decimals: number;
}) {
  const figures = [
    { term: 'Earned', value: `${formatAmount(totals.earned, decimals)} tokens` },
    { term: 'Pending payout', value: formatAmount(totals.pending, decimals) },
    { term: 'Paid out', value: formatAmount(totals.paid, decimals) },
    { term: 'Jobs', value: totals.jobs.toLocaleString() },
    { term: 'Billed time', value: formatDuration(totals.billedSeconds * 1000) },
  ];
  return (
    <dl className="balance__figures">
      {figures.map((f, i) => (
        <div key={f.term} className={i === 0 ? 'balance__main' : undefined}>
          <dt>{f.term}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Earnings per node over the period. */
export function NodeEarningsTable({ rows, decimals }: { rows: EarningsRow[]; decimals: number }) {
  return (
    <table className="data-table">
      <caption className="sr-only">Earnings per node</caption>
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">Jobs</th>
          <th scope="col">Billed time</th>
          <th scope="col">Earned</th>
          <th scope="col">Pending</th>
          <th scope="col">Paid</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="data-table__name">
              <Link to={`/hosts/nodes/${encodeURIComponent(row.key)}`}>{row.label}</Link>
            </th>
            <td data-label="Jobs">{row.jobs.toLocaleString()}</td>
            <td data-label="Billed time" className="data-table__nowrap">
              {formatDuration(row.billedSeconds * 1000)}
            </td>
            <td data-label="Earned" className="data-table__nowrap">
              {formatAmount(row.earned, decimals)}
            </td>
            <td data-label="Pending" className="data-table__nowrap">
              {formatAmount(row.pending, decimals)}
            </td>
            <td data-label="Paid" className="data-table__nowrap">
              {formatAmount(row.paid, decimals)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
