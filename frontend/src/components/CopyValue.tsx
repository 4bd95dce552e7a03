import { useRef } from 'react';
import { useCopy } from './useCopy';

interface CopyValueProps {
  /** What the value is, for the button's accessible name: "Copy signature". */
  label: string;
  value: string;
  /** Characters kept at each end when shortening. */
  keep?: number;
}

/** "abcd1234…wxyz5678" with a Copy button for the whole value (shown in full on hover). */
export function CopyValue({ label, value, keep = 8 }: CopyValueProps) {
  const fullRef = useRef<HTMLSpanElement>(null);
  const { state, copy } = useCopy(value, fullRef);
  const short =
    value.length > keep * 2 + 1 ? `${value.slice(0, keep)}…${value.slice(-keep)}` : value;
  return (
    <span className="copy-value">
      <code className="copy-value__text" title={value} aria-hidden="true">
        {short}
      </code>
      {/* The whole value for screen readers, and what gets selected where copying is impossible. */}
      <span ref={fullRef} className="sr-only">
        {value}
      </span>
      <button
        type="button"
        className="button button--ghost button--small copy-value__button"
        onClick={copy}
        aria-label={`Copy ${label}`}
      >
        {state === 'copied' ? 'Copied ✓' : 'Copy'}
      </button>
      <span role="status" className={state === 'manual' ? 'copy-value__manual' : 'sr-only'}>
        {state === 'copied' && `${label} copied to the clipboard.`}
        {state === 'manual' &&
          'Copying is not available here: the value is selected, press Ctrl+C.'}
      </span>
    </span>
  );
}
