import { useCallback, useState } from 'react';
import { describeError } from '../api';
import { usePolling } from './usePolling';

export type LoadState<T> =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; result: T; refreshError: string | null };

export interface PolledLoadOptions {
  /** What is loaded (a page, a filter, a range): a new one shows 'loading' until its answer. */
  view?: string | number;
  /** A change elsewhere (a deposit credited): a new one loads again at once, keeping what is shown. */
  refreshKey?: string | number;
}

const LOADING = { kind: 'loading' } as const;

/**
 * Loads at once and then every `refreshMs` while the tab is visible (see usePolling). A failed
 * first load is an error to retry; a failed refresh keeps what was loaded and says why in
 * `refreshError`. `load` handles no errors itself.
 */
export function usePolledLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  refreshMs: number,
  { view = 0, refreshKey = 0 }: PolledLoadOptions = {},
) {
  const [attempt, setAttempt] = useState(0);
  // Each answer is kept with the view it is for, so a new view never shows the last one's answer.
  const [shown, setShown] = useState<{ view: string | number; state: LoadState<T> }>({
    view,
    state: LOADING,
  });

  usePolling(
    async (signal) => {
      try {
        const result = await load(signal);
        setShown({ view, state: { kind: 'loaded', result, refreshError: null } });
      } catch (error) {
        if (signal.aborted) return;
        const message = describeError(error);
        setShown((s) => ({
          view,
          state:
            s.view === view && s.state.kind === 'loaded'
              ? { ...s.state, refreshError: message }
              : { kind: 'error', message },
        }));
      }
    },
    refreshMs,
    { restartKey: `${view}:${refreshKey}:${attempt}` },
  );

  const retry = useCallback(() => {
    setShown((s) => ({ ...s, state: LOADING }));
    setAttempt((n) => n + 1);
  }, []);

  const state: LoadState<T> = shown.view === view ? shown.state : LOADING;
  return { state, retry };
}
