import { useCallback, useMemo } from 'react';
import { listOffers, OFFERS_PAGE_SIZE, type OfferPage, type OfferSort } from '../api';
import { LoadError } from '../components/LoadError';
import { PageNav } from '../components/PageNav';
import { RefreshError } from '../components/RefreshError';
import { usePageTitle } from '../components/usePageTitle';
import { usePolledLoad } from '../hooks';
import {
  EMPTY_QUERY,
  firstPage,
  isFiltered,
  marketSearch,
  nextPage,
  parseMarketQuery,
  previousPage,
  toOfferQuery,
  type MarketQuery,
} from '../market/marketQuery';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { MarketSummary } from './market/MarketSummary';
import { OfferFilters } from './market/OfferFilters';
import { OfferTable } from './market/OfferTable';

/** Offers come and go as nodes take jobs; the table follows. */
const REFRESH_MS = 15_000;

/** The public marketplace: every listed node's free GPUs at its price. No sign-in needed. */
export function MarketPage() {
  usePageTitle('Marketplace');
  const { search, navigate } = useRouter();
  const { http } = useSession();
  const query = useMemo(() => parseMarketQuery(search), [search]);
  const { state, retry } = usePolledLoad(
    (signal) => listOffers(http, toOfferQuery(query, OFFERS_PAGE_SIZE), signal),
    REFRESH_MS,
    { view: search },
  );

  const show = useCallback(
    (next: MarketQuery) => navigate(`/market${marketSearch(next)}`),
    [navigate],
  );
  // A new filter or order starts again from its first page: a cursor belongs to one order.
  const apply = (next: MarketQuery) => show(firstPage(next));
  const sortBy = (sort: OfferSort) => apply({ ...query, sort });

  return (
    <>
      <header className="page-head">
        <h1>Marketplace</h1>
        <p className="lead">
          GPUs free right now on verified, benchmarked nodes. Compare them by price, by price per
          unit of measured performance, or by reliability, and rent one with a job.
        </p>
      </header>
      <MarketSummary onModel={(model) => show({ ...EMPTY_QUERY, sort: query.sort, model })} />
      <section
        className="panel"
        aria-labelledby="offers-heading"
        aria-busy={state.kind === 'loading'}
      >
        <div className="panel__head panel__head--wrap">
          <h2 id="offers-heading">Offers</h2>
        </div>
        <OfferFilters query={query} onApply={apply} />
        {state.kind === 'loading' && <p role="status">Loading offers…</p>}
        {state.kind === 'error' && (
          <LoadError title="The offers could not be loaded" message={state.message} onRetry={retry}>
            {query.page > 0 && <FirstPageButton query={query} onPage={show} />}
          </LoadError>
        )}
        {state.kind === 'loaded' && (
          <Offers
            result={state.result}
            refreshError={state.refreshError}
            query={query}
            onSort={sortBy}
            onPage={show}
            onClear={() => show({ ...EMPTY_QUERY, sort: query.sort })}
          />
        )}
      </section>
    </>
  );
}

interface OffersProps {
  result: OfferPage;
  refreshError: string | null;
  query: MarketQuery;
  onSort: (sort: OfferSort) => void;
  /** Shows another page of the same view. */
  onPage: (to: MarketQuery) => void;
  onClear: () => void;
}

function Offers({ result, refreshError, query, onSort, onPage, onClear }: OffersProps) {
  const next = result.hasMore ? result.next : null;
  if (result.items.length === 0 && query.page > 0) {
    return (
      <div className="empty">
        <p>This page is past the last offer.</p>
        <FirstPageButton query={query} onPage={onPage} />
      </div>
    );
  }
  if (result.items.length === 0 && isFiltered(query)) {
    return (
      <div className="empty">
        <p>No free GPU matches these filters right now.</p>
        <button type="button" className="button button--small" onClick={onClear}>
          Clear filters
        </button>
      </div>
    );
  }
  if (result.items.length === 0) {
    return (
      <p className="empty">
        No GPU is free right now: every listed node is busy, or none is online. Check back in a
        minute — or <Link to="/hosts/add">offer your own GPU</Link>.
      </p>
    );
  }
  return (
    <>
      <RefreshError error={refreshError} what="the offers" />
      <div className="table-wrap">
        <OfferTable offers={result.items} sort={query.sort} onSort={onSort} />
      </div>
      <PageNav
        page={query.page}
        hasMore={next !== null}
        onPage={(page) =>
          onPage(page > query.page && next !== null ? nextPage(query, next) : previousPage(query))
        }
        label="Pages of offers"
      />
    </>
  );
}

/** Back to the view's first page, where a cursor led past the end or was refused. */
function FirstPageButton({
  query,
  onPage,
}: {
  query: MarketQuery;
  onPage: (to: MarketQuery) => void;
}) {
  return (
    <button type="button" className="button button--small" onClick={() => onPage(firstPage(query))}>
      Back to page 1
    </button>
  );
}
