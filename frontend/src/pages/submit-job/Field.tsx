import type { ReactNode } from 'react';

/** What an input needs to be tied to its help and problem text. */
export interface FieldControl {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  problem?: string;
  /** Renders the input with the id and ARIA attributes it must carry. */
  children: (control: FieldControl) => ReactNode;
}

/** A label, an input, its help and its problem, tied together for screen readers. */
export function Field({ id, label, help, problem, children }: FieldProps) {
  const describedBy = [help ? `${id}-help` : null, problem ? `${id}-problem` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': problem ? true : undefined,
      })}
      {help && (
        <p id={`${id}-help`} className="field__help muted">
          {help}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      )}
    </div>
  );
}
