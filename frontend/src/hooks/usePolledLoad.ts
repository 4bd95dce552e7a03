import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../api';
import { usePolling } from './usePolling';

export type LoadState<T> =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; result: T; refreshError: string | null };

export interface PolledLoadOptions<T> {
  /** What is loaded (a page, a filter, a range): a new one shows 'loading' until its answer. */
  view?: string | number;
  /** A change elsewhere (a deposit credited): a new one loads again at once, keeping what is shown. */
  refreshKey?: string | number;
  /** Whether an answer can still change, so polling goes on (default: always). */
  keepPolling?: (result: T) => boolean;
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
  { view = 0, refreshKey = 0, keepPolling }: PolledLoadOptions<T> = {},
) {
  const [attempt, setAttempt] = useState(0);
  // Each answer is kept with the view it is for, so a new view never shows the last one's answer.
  const [shown, setShown] = useState<{ view: string | number; state: LoadState<T> }>({
    view,
    state: LOADING,
  });

  const poll = async (signal: AbortSignal) => {
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
  };
  const state: LoadState<T> = shown.view === view ? shown.state : LOADING;
  usePolling(poll, refreshMs, {
    enabled: state.kind !== 'loaded' || !keepPolling || keepPolling(state.result),
    restartKey: `${view}:${refreshKey}:${attempt}`,
  });

  const retry = useCallback(() => {
    setShown((s) => ({ ...s, state: LOADING }));
    setAttempt((n) => n + 1);
  }, []);

  // A load outside the polling, also once it stopped: a newer one supersedes it, unmounting ends it.
  const pollRef = useRef(poll);
  const manual = useRef<AbortController | null>(null);
  useEffect(() => {
    pollRef.current = poll;
  });
  useEffect(() => () => manual.current?.abort(), []);
  const reload = useCallback(() => {
    manual.current?.abort();
    const controller = new AbortController();
    manual.current = controller;
    void pollRef.current(controller.signal);
  }, []);

  /** Shows a newer version of what was loaded (after a change the page made) until the next answer. */
  const update = useCallback((change: (result: T) => T) => {
    setShown((s) =>
      s.state.kind === 'loaded'
        ? { ...s, state: { ...s.state, result: change(s.state.result) } }
        : s,
    );
  }, []);

  return { state, retry, reload, update };
}
