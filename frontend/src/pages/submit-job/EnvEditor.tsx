import { useEffect, useRef } from 'react';
import { envNameField, envValueField, MAX_ENV_ENTRIES, type EnvRow } from '../../jobs/jobForm';
import { fieldId, type FieldGroupProps } from './formTypes';

let nextRowId = 1;

/** Environment variables as name/value rows; rows can be added and removed from the keyboard. */
export function EnvEditor({ values, problems, set }: FieldGroupProps) {
  const rows = values.env;
  const addButton = useRef<HTMLButtonElement>(null);
  const focusRow = useRef<number | null>(null);

  // After "Add variable", put the cursor in the new row's name.
  useEffect(() => {
    if (focusRow.current === null) return;
    document.getElementById(fieldId(`env-${focusRow.current}-name`))?.focus();
    focusRow.current = null;
  }, [rows]);

  const add = () => {
    const row: EnvRow = { id: nextRowId++, name: '', value: '' };
    focusRow.current = row.id;
    set('env', [...rows, row]);
  };
  const remove = (id: number) => {
    set(
      'env',
      rows.filter((r) => r.id !== id),
    );
    addButton.current?.focus();
  };
  const change = (id: number, patch: Partial<EnvRow>) =>
    set(
      'env',
      rows.map((r) => (r.id === id ? { ...r, ...patch } : r)),
    );

  return (
    <div className="field env" role="group" aria-labelledby="job-env-label">
      <span className="field__label" id="job-env-label">
        Environment variables
      </span>
      <p id="job-env-help" className="field__help muted">
        Names use letters, digits and _. HOME, CUDA_VISIBLE_DEVICES and RIGSHARE_* are set by the
        agent. Hosts see the names, never the values.
      </p>
      {rows.length > 0 && (
        <ul className="env__rows">
          {rows.map((row, i) => {
            const nameProblem = problems[envNameField(row)];
            const valueProblem = problems[envValueField(row)];
            const nameId = fieldId(envNameField(row));
            const valueId = fieldId(envValueField(row));
            return (
              <li key={row.id} className="env__row">
                <input
                  id={nameId}
                  className="input mono"
                  placeholder="NAME"
                  aria-label={`Name of variable ${i + 1}`}
                  value={row.name}
                  onChange={(e) => change(row.id, { name: e.target.value })}
                  aria-invalid={nameProblem ? true : undefined}
                  aria-describedby={nameProblem ? `${nameId}-problem` : undefined}
                  autoComplete="off"
                  spellCheck={false}
                />
                <span aria-hidden="true" className="env__equals">
                  =
                </span>
                <input
                  id={valueId}
                  className="input mono"
                  placeholder="value"
                  aria-label={`Value of variable ${i + 1}`}
                  value={row.value}
                  onChange={(e) => change(row.id, { value: e.target.value })}
                  aria-invalid={valueProblem ? true : undefined}
                  aria-describedby={valueProblem ? `${valueId}-problem` : undefined}
                  autoComplete="off"
                  spellCheck={false}
                />
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => remove(row.id)}
                  aria-label={`Remove variable ${i + 1}${row.name ? ` (${row.name})` : ''}`}
                >
                  Remove
                </button>
                {nameProblem && (
                  <p id={`${nameId}-problem`} className="field-error env__problem">
                    {nameProblem}
                  </p>
                )}
                {valueProblem && (
                  <p id={`${valueId}-problem`} className="field-error env__problem">
                    {valueProblem}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {problems.env && (
        <p id={`${fieldId('env')}-problem`} className="field-error">
          {problems.env}
        </p>
      )}
      <button
        ref={addButton}
        id={fieldId('env')}
        type="button"
        className="button button--small"
        onClick={add}
        disabled={rows.length >= MAX_ENV_ENTRIES}
      >
        Add variable
      </button>
    </div>
  );
}
