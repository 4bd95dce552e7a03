import { useToken } from '../../chain';
import { Field } from './Field';
import { fieldId, type FieldGroupProps } from './formTypes';

/** A datetime-local value for a moment, in local time ("2026-03-01T13:05"). */
function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The most the job may cost per hour, how long it may run, and until when it may start. */
export function PriceTimeFields({ values, problems, set }: FieldGroupProps) {
  const token = useToken();
  const timeProblem = problems.timeLimit;
  const timeDescribedBy = ['job-timeLimit-help', timeProblem ? 'job-timeLimit-problem' : null]
    .filter(Boolean)
    .join(' ');
  const units: { key: 'hours' | 'minutes' | 'seconds'; label: string }[] = [
    { key: 'hours', label: 'Hours' },
    { key: 'minutes', label: 'Minutes' },
    { key: 'seconds', label: 'Seconds' },
  ];
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">Price and time</legend>
      <Field
        id={fieldId('maxPrice')}
        label="Max price per hour"
        help={
          <>
            In tokens (up to {token.decimals} decimals). The job runs only on a node whose price per
            GPU-hour × GPUs is at most this; it pays that node’s price. A job without GPUs pays for
            one.
          </>
        }
        problem={problems.maxPrice}
      >
        {(control) => (
          <span className="input-unit">
            <input
              {...control}
              className="input input--narrow"
              inputMode="decimal"
              value={values.maxPrice}
              onChange={(e) => set('maxPrice', e.target.value)}
              placeholder="2.5"
              autoComplete="off"
            />
            <span className="input-unit__unit" aria-hidden="true">
              tokens / hour
            </span>
          </span>
        )}
      </Field>

      <fieldset className="field time-limit" aria-describedby={timeDescribedBy}>
        <legend className="field__label">Time limit</legend>
        <div className="time-limit__parts">
          {units.map((unit) => (
            <span key={unit.key} className="time-limit__part">
              <input
                id={fieldId(unit.key === 'hours' ? 'timeLimit' : unit.key)}
                className="input time-limit__input"
                inputMode="numeric"
                value={values[unit.key]}
                onChange={(e) => set(unit.key, e.target.value)}
                aria-invalid={timeProblem ? true : undefined}
                aria-label={unit.label}
                autoComplete="off"
              />
              <span className="muted" aria-hidden="true">
                {unit.key === 'hours' ? 'h' : unit.key === 'minutes' ? 'min' : 's'}
              </span>
            </span>
          ))}
        </div>
        <p id="job-timeLimit-help" className="field__help muted">
          The node stops the job when it is reached. At most 7 days.
        </p>
        {timeProblem && (
          <p id="job-timeLimit-problem" className="field-error">
            {timeProblem}
          </p>
        )}
      </fieldset>

      <Field
        id={fieldId('startDeadline')}
        label="Start deadline (optional)"
        help="If no node has taken the job by then, it expires unbilled. Your local time, at most 30 days ahead."
        problem={problems.startDeadline}
      >
        {(control) => (
          <input
            {...control}
            className="input input--medium"
            type="datetime-local"
            min={localInputValue(new Date())}
            value={values.startDeadline}
            onChange={(e) => set('startDeadline', e.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );
}
