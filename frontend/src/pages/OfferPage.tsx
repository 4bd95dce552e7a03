import { useState } from 'react';
import { describeError, type Offer } from '../api';
import { useToken } from '../chain';
import { Alert } from '../components/Alert';
import { RelativeTime } from '../components/RelativeTime';
import { usePageTitle } from '../components/usePageTitle';
import {
  formatAmount,
  formatBasisPoints,
  formatDateTime,
  formatDecimalAmount,
  formatMib,
} from '../format';
import { usePolling } from '../hooks';
import { shortId } from '../jobs/summary';
import { findOffer } from '../market/findOffer';
import { Link } from '../router';
import { useSession } from '../session';

const REFRESH_MS = 30_000;

type OfferState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; offer: Offer };

/** One node's offer with all its figures, and the way to rent it. */
export function OfferPage({ id }: { id: string }) {
  const { http } = useSession();
  const [state, setState] = useState<OfferState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  usePageTitle(state.kind === 'loaded' ? `${state.offer.gpuModel} offer` : 'Offer');

  usePolling(
    async (signal) => {
      try {
        const offer = await findOffer(http, id, signal);
        setState(offer ? { kind: 'loaded', offer } : { kind: 'missing' });
      } catch (error) {
        if (signal.aborted) return;
        const message = describeError(error);
        setState((s) => (s.kind === 'loaded' ? s : { kind: 'error', message }));
      }
    },
    REFRESH_MS,
    { restartKey: attempt },
  );

  return (
    <>
      <p className="back-link">
        <Link to="/market">← Marketplace</Link>
      </p>
      {state.kind === 'loading' && (
        <section className="panel" aria-busy="true">
          <p role="status">Loading the offer…</p>
        </section>
      )}
      {state.kind === 'missing' && (
        <>
          <header className="page-head">
            <h1>Offer not available</h1>
          </header>
          <Alert title={`Node ${shortId(id)} offers no free GPU right now.`}>
            <p>
              It may be busy with jobs, offline, or in maintenance. Pick another offer in the{' '}
              <Link to="/market">marketplace</Link>, or come back later.
            </p>
          </Alert>
        </>
      )}
      {state.kind === 'error' && (
        <Alert title="The offer could not be loaded">
          <p>{state.message}</p>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setState({ kind: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
        </Alert>
      )}
      {state.kind === 'loaded' && <OfferDetails offer={state.offer} />}
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
