import { useState } from 'react';
import { describeError, getOfferSummary, type OfferSummary } from '../../api';
import { useToken } from '../../chain';
import { formatAmount } from '../../format';
import { usePolling } from '../../hooks';
import { useSession } from '../../session';

const REFRESH_MS = 30_000;

type SummaryState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; summary: OfferSummary };

/** Per-model counts and price ranges; choosing a model filters the table by it. */
export function MarketSummary({ onModel }: { onModel: (model: string) => void }) {
  const { http } = useSession();
  const { decimals } = useToken();
  const [state, setState] = useState<SummaryState>({ kind: 'loading' });

  usePolling(async (signal) => {
    try {
      setState({ kind: 'loaded', summary: await getOfferSummary(http, signal) });
    } catch (error) {
      if (signal.aborted) return;
      setState((s) => (s.kind === 'loaded' ? s : { kind: 'error', message: describeError(error) }));
    }
  }, REFRESH_MS);

  if (state.kind === 'loading') {
    return (
      <p className="muted" role="status">
        Loading the market summary…
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <p className="muted">
        The market summary is not available ({state.message}) The offers below are.
      </p>
    );
  }
  const { summary } = state;
  if (summary.models.length === 0) return null;
  return (
    <section className="market-summary" aria-labelledby="market-summary-heading">
      <h2 id="market-summary-heading" className="sr-only">
        GPU models on offer
      </h2>
      <ul className="market-summary__list">
        {summary.models.map((m) => (
          <li key={m.gpuModel}>
            <button
              type="button"
              className="market-summary__item"
              onClick={() => onModel(m.gpuModel)}
              aria-label={`Show ${m.gpuModel} offers: ${m.nodes} node${m.nodes === 1 ? '' : 's'}, ${m.gpus} GPUs`}
            >
              <span className="market-summary__model">{m.gpuModel}</span>
              <span className="muted">
                {m.nodes} node{m.nodes === 1 ? '' : 's'} · {m.gpus} GPU{m.gpus === 1 ? '' : 's'}
              </span>
              <span>
                {formatAmount(m.minPricePerGpuHour, decimals)}
                {m.maxPricePerGpuHour !== m.minPricePerGpuHour &&
                  `–${formatAmount(m.maxPricePerGpuHour, decimals)}`}{' '}
                <span className="muted">/ GPU-h</span>
              </span>
              <span className="muted">
                median {formatAmount(m.medianPricePerGpuHour, decimals)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="muted field__help">
        {summary.nodes} listed node{summary.nodes === 1 ? '' : 's'}, counting busy ones. Choose a
        model to see its offers.
      </p>
    </section>
  );
}
