import type { Offer, OfferSort } from '../../api';
import { useToken } from '../../chain';
import { formatAmount, formatBasisPoints, formatDecimalAmount, formatMib } from '../../format';
import { SORT_DIRECTION } from '../../market/marketQuery';
import { Link } from '../../router';

interface OfferTableProps {
  offers: Offer[];
  sort: OfferSort;
  onSort: (sort: OfferSort) => void;
}

/** A column header that orders the table; `aria-sort` tells which one does now. */
function SortHeader({
  sort,
  current,
  onSort,
  children,
}: {
  sort: OfferSort;
  current: OfferSort;
  onSort: (sort: OfferSort) => void;
  children: string;
}) {
  const active = sort === current;
  const direction = SORT_DIRECTION[sort];
  return (
    <th scope="col" aria-sort={active ? direction : 'none'}>
      <button
        type="button"
        className={active ? 'sort-button sort-button--active' : 'sort-button'}
        onClick={() => onSort(sort)}
        title={`Sort by ${children.toLowerCase()}, ${direction === 'ascending' ? 'lowest' : 'highest'} first`}
      >
        {children}
        <span aria-hidden="true" className="sort-button__arrow">
          {active ? (direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** The offers as a table; below 700 px each row becomes a card (see hosts.css). */
export function OfferTable({ offers, sort, onSort }: OfferTableProps) {
  const { decimals } = useToken();
  const header = { current: sort, onSort };
  return (
    <table className="data-table offer-table">
      <caption className="sr-only">GPU offers</caption>
      <thead>
        <tr>
          <th scope="col">GPU</th>
          <th scope="col">VRAM / GPU</th>
          <SortHeader sort="score" {...header}>
            Score
          </SortHeader>
          <SortHeader sort="price" {...header}>
            Tokens / GPU-h
          </SortHeader>
          <SortHeader sort="pricePerUnit" {...header}>
            Per score unit
          </SortHeader>
          <SortHeader sort="reliability" {...header}>
            Reliability
          </SortHeader>
          <th scope="col">Region</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {offers.map((offer) => (
          <tr key={offer.id}>
            <th scope="row" className="data-table__name">
              <Link to={`/market/${encodeURIComponent(offer.id)}`}>{offer.gpuModel}</Link>
              <span className="data-table__line muted">
                {offer.freeGpus} of {offer.gpuCount} GPU{offer.gpuCount === 1 ? '' : 's'} free
              </span>
            </th>
            <td data-label="VRAM / GPU" className="data-table__nowrap">
              {formatMib(offer.vramMib)}
            </td>
            <td data-label="Score" className="data-table__nowrap">
              {offer.score.toLocaleString()}
            </td>
            <td data-label="Tokens / GPU-h" className="data-table__nowrap">
              {formatAmount(offer.pricePerGpuHour, decimals)}
            </td>
            <td data-label="Per score unit" className="data-table__nowrap">
              {formatDecimalAmount(offer.pricePerScoreUnitHour, decimals)}
            </td>
            <td data-label="Reliability" className="data-table__nowrap">
              {offer.reliability === null ? (
                <span className="muted">new</span>
              ) : (
                formatBasisPoints(offer.reliability)
              )}
            </td>
            <td data-label="Region">{offer.region ?? <span className="muted">—</span>}</td>
            <td data-label="Actions">
              <Link
                to={`/jobs/new?node=${encodeURIComponent(offer.id)}`}
                className="button button--small"
                aria-label={`Rent ${offer.gpuModel} (node ${offer.id.slice(0, 8)})`}
              >
                Rent
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
