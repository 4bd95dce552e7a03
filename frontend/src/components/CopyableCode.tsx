import { useCallback, useEffect, useId, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'manual';

interface CopyableCodeProps {
  label: string;
  value: string;
  disabled?: boolean;
  /** Text shown on the button for screen readers and sighted users, e.g. "Copy command". */
  copyLabel?: string;
  /** The recommended choice among several: shown more prominently. */
  primary?: boolean;
}

function selectContents(element: HTMLElement | null): boolean {
  const selection = window.getSelection?.();
  if (!element || !selection) return false;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

/** The legacy copy command still works in pages served over plain http, where the Clipboard API is absent. */
function legacyCopy(): boolean {
  try {
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    return false;
  }
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
  const [state, setState] = useState<CopyState>('idle');
  const labelId = useId();

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 3000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = useCallback(async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      const selected = selectContents(codeRef.current);
      setState(selected && legacyCopy() ? 'copied' : 'manual');
    }
  }, [value]);

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
