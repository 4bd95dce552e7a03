import { useId, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { useToken } from '../../chain';
import { formatAmount, parseAmount } from '../../format';
import { EMPTY_QUERY, isFiltered, type MarketQuery } from '../../market/marketQuery';

interface OfferFiltersProps {
  query: MarketQuery;
  onApply: (query: MarketQuery) => void;
}

interface Draft {
  model: string;
  minVramGb: string;
  minScore: string;
  maxPrice: string;
  minReliability: string;
}

const text = (n: number | null) => (n === null ? '' : String(n));

function draftOf(query: MarketQuery, decimals: number): Draft {
  return {
    model: query.model,
    minVramGb: text(query.minVramGb),
    minScore: text(query.minScore),
    maxPrice:
      query.maxPricePerGpuHour === null
        ? ''
        : formatAmount(query.maxPricePerGpuHour, decimals, { grouping: false }),
    minReliability: text(query.minReliability),
  };
}

function whole(value: string, max: number, label: string): number | null | string {
  const v = value.trim();
  if (v === '') return null;
  if (!/^\d{1,15}$/.test(v) || Number.parseInt(v, 10) > max) {
    return `${label}: enter a whole number from 0 to ${max.toLocaleString()}.`;
  }
  return Number.parseInt(v, 10);
}

/**
 * The marketplace's filters. They apply on "Apply" (or Enter), which writes them into the
 * address; the page then reads them back, so a link shows the same offers.
 */
export function OfferFilters({ query, onApply }: OfferFiltersProps) {
  const { decimals, known } = useToken();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(query, decimals));
  const [problem, setProblem] = useState<string | null>(null);
  const [shown, setShown] = useState({ query, decimals });
  // A new address (back button, a model chosen in the summary) resets the fields to it.
  if (shown.query !== query || shown.decimals !== decimals) {
    setShown({ query, decimals });
    setDraft(draftOf(query, decimals));
    setProblem(null);
  }

  /** A draft field's input: its id, value and edits. */
  const bind = (key: keyof Draft) => ({
    id: `${id}-${key}`,
    value: draft[key],
    onValue: (value: string) => setDraft((d) => ({ ...d, [key]: value })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minVramGb = whole(draft.minVramGb, 4096, 'Min VRAM');
    const minScore = whole(draft.minScore, Number.MAX_SAFE_INTEGER, 'Min score');
    const minReliability = whole(draft.minReliability, 100, 'Min reliability');
    let maxPrice: bigint | null = null;
    if (draft.maxPrice.trim() !== '') {
      const parsed = parseAmount(draft.maxPrice, decimals);
      if (!parsed.ok) return setProblem(`Max price: ${parsed.problem}`);
      if (parsed.baseUnits < 1n) return setProblem('Max price: enter more than 0.');
      maxPrice = parsed.baseUnits;
    }
    for (const value of [minVramGb, minScore, minReliability]) {
      if (typeof value === 'string') return setProblem(value);
    }
    setProblem(null);
    onApply({
      ...query,
      model: draft.model.trim().slice(0, 64),
      minVramGb: minVramGb as number | null,
      minScore: minScore as number | null,
      maxPricePerGpuHour: maxPrice,
      minReliability: minReliability as number | null,
    });
  };

  return (
    <form className="market-filters" onSubmit={submit} aria-label="Filter offers" noValidate>
      <FilterField label="GPU model" {...bind('model')} placeholder="e.g. 4090" maxLength={64} />
      <FilterField label="Min VRAM (GB)" {...bind('minVramGb')} inputMode="numeric" />
      <FilterField label="Min score" {...bind('minScore')} inputMode="numeric" />
      <FilterField
        label="Max tokens / GPU-h"
        {...bind('maxPrice')}
        inputMode="decimal"
        disabled={!known}
      />
      <FilterField label="Min reliability (%)" {...bind('minReliability')} inputMode="numeric" />
      <div className="market-filters__actions">
        <button type="submit" className="button button--primary button--small">
          Apply
        </button>
        {isFiltered(query) && (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => onApply({ ...EMPTY_QUERY, sort: query.sort })}
          >
            Clear filters
          </button>
        )}
      </div>
      {problem && (
        <p className="field-error market-filters__problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

interface FilterFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange'
> {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
}

/** One labelled filter input. */
function FilterField({ id, label, onValue, ...input }: FilterFieldProps) {
  return (
    <div className="market-filters__field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" onChange={(e) => onValue(e.target.value)} {...input} />
    </div>
  );
}
