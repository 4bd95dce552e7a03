import { useCallback, useEffect, useState, type RefObject } from 'react';

export type CopyState = 'idle' | 'copied' | 'manual';

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

/**
 * Copies `value` to the clipboard; where that is impossible, selects `fallback`'s text (which must
 * hold the whole value) so the person can press Ctrl+C. `copied` goes back to `idle` after 3 s.
 */
export function useCopy(
  value: string,
  fallback: RefObject<HTMLElement | null>,
): { state: CopyState; copy: () => Promise<void> } {
  const [state, setState] = useState<CopyState>('idle');

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
      const selected = selectContents(fallback.current);
      setState(selected && legacyCopy() ? 'copied' : 'manual');
    }
  }, [value, fallback]);

  return { state, copy };
}
