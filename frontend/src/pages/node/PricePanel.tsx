import { useCallback, useState, type FormEvent } from 'react';
import type { Node } from '../../api';
import { useToken } from '../../chain';
import { TokenStatus } from '../../components/TokenStatus';
import { formatAmount } from '../../format';
import { readPrice } from '../../jobs/jobForm';
import { useSavePrice } from './useSavePrice';

interface PricePanelProps {
  node: Node;
  onNode: (node: Node) => void;
}

const RUNNER_TEXT: Record<string, string> = {
  process: 'process (commands on the host)',
  container: 'container (Docker or Podman)',
};

/** What the node charges per GPU-hour (editable, in tokens) and which kinds of job it can run. */
export function PricePanel({ node, onNode }: PricePanelProps) {
  const token = useToken();
  const runners = node.runners ?? [];
  return (
    <section className="panel" aria-labelledby="price-heading">
      <h2 id="price-heading">Jobs and price</h2>
      <dl className="facts">
        <div className="facts__item">
          <dt>Runners</dt>
          <dd>
            {runners.length > 0 ? (
              runners.map((r) => RUNNER_TEXT[r] ?? r).join(', ')
            ) : (
              <span className="muted">none offered yet: the agent lists them when it connects</span>
            )}
          </dd>
        </div>
      </dl>
      <TokenStatus />
      {token.known && (
        // Keyed by the saved price: a new price from the server resets the field.
        <PriceForm
          key={node.pricePerGpuHour ?? 'none'}
          node={node}
          onNode={onNode}
          decimals={token.decimals}
        />
      )}
    </section>
  );
}

function PriceForm({ node, onNode, decimals }: PricePanelProps & { decimals: number }) {
  const current = node.pricePerGpuHour;
  const [draft, setDraft] = useState(() =>
    current === undefined ? '' : formatAmount(current, decimals, { grouping: false }),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const { save: savePrice, saving } = useSavePrice(node.id, onNode);

  const save = useCallback(
    (event: FormEvent) => {
      event.preventDefault();
      const price = readPrice(draft, decimals);
      if (price.problem !== undefined) {
        setProblem(price.problem);
        return;
      }
      // Exact: readPrice keeps it at most 10^15 base units, below 2^53.
      void savePrice(
        Number(price.baseUnits),
        'It applies to jobs matched from now on; running jobs keep their price.',
      );
    },
    [draft, decimals, savePrice],
  );

  return (
    <form className="price-form" onSubmit={save} noValidate>
      <div className="field">
        <label htmlFor="node-price">Price per GPU-hour</label>
        <div className="price-form__row">
          <span className="input-unit">
            <input
              id="node-price"
              className="input input--narrow"
              inputMode="decimal"
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                setProblem(null);
              }}
              aria-invalid={problem !== null}
              aria-describedby={problem ? 'node-price-help node-price-problem' : 'node-price-help'}
              autoComplete="off"
              disabled={saving}
            />
            <span className="input-unit__unit" aria-hidden="true">
              tokens
            </span>
          </span>
          <button type="submit" className="button button--primary button--small" disabled={saving}>
            {saving ? 'Saving…' : 'Save price'}
          </button>
        </div>
        <p id="node-price-help" className="field__help muted">
          {current === undefined
            ? 'Not reported by the server.'
            : `Now ${formatAmount(current, decimals)} tokens per GPU-hour. A job without GPUs pays for one; a new price applies to jobs matched from then on.`}
        </p>
        {problem && (
          <p id="node-price-problem" className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </form>
  );
}
