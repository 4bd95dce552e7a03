import type { Offer } from '../api';
import { useToken } from '../chain';
import { LoadError } from '../components/LoadError';
import { LoadingPanel } from '../components/LoadingPanel';
import { MissingNotice } from '../components/MissingNotice';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/usePageTitle';
import {
  formatAmount,
  formatBasisPoints,
  formatDateTime,
  formatDecimalAmount,
  formatMib,
} from '../format';
import { usePolledLoad } from '../hooks';
import { shortId } from '../jobs/summary';
import { findOffer } from '../market/findOffer';
import { Link } from '../router';
import { useSession } from '../session';

const REFRESH_MS = 30_000;

/** One node's offer with all its figures, and the way to rent it. */
export function OfferPage({ id }: { id: string }) {
  const { http } = useSession();
  const { state, retry } = usePolledLoad((signal) => findOffer(http, id, signal), REFRESH_MS);
  // findOffer answers null for a node that offers nothing now.
  const offer = state.kind === 'loaded' ? state.result : null;
  usePageTitle(offer ? `${offer.gpuModel} offer` : 'Offer');

  return (
    <>
      <p className="back-link">
        <Link to="/market">← Marketplace</Link>
      </p>
      {state.kind === 'loading' && <LoadingPanel what="the offer" />}
      {state.kind === 'loaded' && offer === null && (
        <MissingNotice
          heading="Offer not available"
          title={`Node ${shortId(id)} offers no free GPU right now.`}
        >
          <p>
            It may be busy with jobs, offline, or in maintenance. Pick another offer in the{' '}
            <Link to="/market">marketplace</Link>, or come back later.
          </p>
        </MissingNotice>
      )}
      {state.kind === 'error' && (
        <LoadError title="The offer could not be loaded" message={state.message} onRetry={retry} />
      )}
      {offer && <OfferDetails offer={offer} />}
    </>
  );
}

function OfferDetails({ offer }: { offer: Offer }) {
  const { decimals } = useToken();
  const figures: { term: string; value: React.ReactNode }[] = [
    { term: 'GPUs offered', value: offer.gpuCount },
    { term: 'Free now', value: offer.freeGpus },
    { term: 'VRAM per GPU', value: formatMib(offer.vramMib) },
    { term: 'Benchmark score per GPU', value: offer.score.toLocaleString() },
    { term: 'Tokens per GPU-hour', value: formatAmount(offer.pricePerGpuHour, decimals) },
    {
      term:
        offer.gpuCount === 1
          ? 'Tokens per hour, its one GPU'
          : `Tokens per hour, all ${offer.gpuCount} GPUs`,
      value: formatAmount(offer.pricePerHour, decimals),
    },
    {
      term: 'Tokens per score unit per GPU-hour',
      value: formatDecimalAmount(offer.pricePerScoreUnitHour, decimals),
    },
    {
      term: 'Reliability',
      value: offer.reliability === null ? 'not computed yet' : formatBasisPoints(offer.reliability),
    },
    { term: 'Region', value: offer.region ?? 'not declared' },
    {
      term: 'Last verified',
      value: offer.verifiedAt ? (
        <>
          <RelativeTime at={offer.verifiedAt} />{' '}
          <span className="muted">({formatDateTime(offer.verifiedAt)})</span>
        </>
      ) : (
        'never'
      ),
    },
  ];
  return (
    <>
      <header className="page-head">
        <h1>{offer.gpuModel}</h1>
        <p className="lead">
          Node <span className="mono">{shortId(offer.id)}</span> · {offer.freeGpus} of{' '}
          {offer.gpuCount} GPU{offer.gpuCount === 1 ? '' : 's'} free ·{' '}
          {formatAmount(offer.pricePerGpuHour, decimals)} tokens per GPU-hour
        </p>
      </header>
      <section className="panel" aria-labelledby="offer-figures-heading">
        <h2 id="offer-figures-heading">Figures</h2>
        <dl className="facts">
          {figures.map((f) => (
            <div key={f.term} className="facts__item">
              <dt>{f.term}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
        <p className="muted field__help">
          Reliability weighs the node’s uptime over 30 days, the jobs it carried to an end, and how
          steady its benchmark runs were. You pay only for the time a job runs, at this price.
        </p>
        <Link
          to={`/jobs/new?node=${encodeURIComponent(offer.id)}`}
          className="button button--primary"
        >
          Rent this GPU
        </Link>
      </section>
    </>
  );
}
