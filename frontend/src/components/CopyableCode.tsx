import { useId, useRef } from 'react';
import { useCopy } from './useCopy';

interface CopyableCodeProps {
  label: string;
  value: string;
  disabled?: boolean;
  /** Text shown on the button for screen readers and sighted users, e.g. "Copy command". */
  copyLabel?: string;
  /** The recommended choice among several: shown more prominently. */
  primary?: boolean;
}

/** A code block with a Copy button that confirms visibly, and selects the text when copying is impossible. */
export function CopyableCode({
  label,
  value,
  disabled = false,
  copyLabel = 'Copy',
  primary = false,
}: CopyableCodeProps) {
  const codeRef = useRef<HTMLElement>(null);
  const { state, copy } = useCopy(value, codeRef);
  const labelId = useId();

  return (
    <div className={primary ? 'copyable copyable--primary' : 'copyable'}>
      <div className="copyable__head">
        <span className="copyable__label" id={labelId}>
          {label}
        </span>
        <button
          type="button"
          className={primary ? 'button button--primary button--small' : 'button button--small'}
          onClick={copy}
          disabled={disabled}
          aria-describedby={labelId}
        >
          {state === 'copied' ? 'Copied ✓' : copyLabel}
        </button>
      </div>
      <pre className="code" aria-labelledby={labelId}>
        <code ref={codeRef}>{value}</code>
      </pre>
      <p className="copyable__status" role="status">
        {state === 'copied' && 'Copied to the clipboard.'}
        {state === 'manual' &&
          'Copying is not available in this browser: the text is selected, press Ctrl+C (⌘C on a Mac) to copy it.'}
      </p>
    </div>
  );
}
