import { useId, useState, type FormEvent } from 'react';
import { useToken } from '../../chain';
import { MAX_BASE_UNITS, formatAmount, parseAmount } from '../../format';

interface AmountFormProps {
  label: string;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  /** Called with base units (at least 1) once the amount reads. */
  onSubmit: (amount: bigint) => void;
}

/** One token amount and a submit button; the amount is checked like the server checks it. */
export function AmountForm({ label, submitLabel, busyLabel, busy, onSubmit }: AmountFormProps) {
  const { decimals, known } = useToken();
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || !known) return;
    const parsed = parseAmount(text, decimals);
    if (!parsed.ok) return setProblem(parsed.problem);
    if (parsed.baseUnits < 1n) {
      return setProblem(`Enter at least ${formatAmount(1n, decimals)} (one base unit).`);
    }
    if (parsed.baseUnits > MAX_BASE_UNITS) {
      return setProblem(`Enter at most ${formatAmount(MAX_BASE_UNITS, decimals)}.`);
    }
    setProblem(null);
    onSubmit(parsed.baseUnits);
  };

  return (
    <form className="amount-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="amount-form__row">
          <input
            id={id}
            className="input"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            placeholder="e.g. 25"
          />
          <span className="muted">tokens</span>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || !known}
            aria-busy={busy}
          >
            {busy ? busyLabel : submitLabel}
          </button>
        </div>
        {problem && (
          <p id={`${id}-problem`} className="field-error">
            {problem}
          </p>
        )}
      </div>
    </form>
  );
}
