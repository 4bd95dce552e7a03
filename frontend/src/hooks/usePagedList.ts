import { useCallback, useState } from 'react';
import type { ListPage } from '../api';
import { describeError } from '../api';
import { usePolling } from './usePolling';

export type PagedListState<T> =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; result: ListPage<T>; refreshError: string | null };

/**
 * One page of an offset-paged list (`{items, hasMore}`), refreshed every `refreshMs` while the
 * tab is visible. A new `restartKey` (a filter, or a change elsewhere on the page) loads it again
 * at once, keeping what is shown meanwhile.
 */
export function usePagedList<T>(
  load: (offset: number, signal: AbortSignal) => Promise<ListPage<T>>,
  pageSize: number,
  refreshMs: number,
  restartKey: string | number = 0,
) {
  const [page, setPage] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<PagedListState<T>>({ kind: 'loading' });

  usePolling(
    async (signal) => {
      try {
        const result = await load(page * pageSize, signal);
        setState({ kind: 'loaded', result, refreshError: null });
      } catch (error) {
        if (signal.aborted) return;
        const message = describeError(error);
        setState((s) =>
          s.kind === 'loaded' ? { ...s, refreshError: message } : { kind: 'error', message },
        );
      }
    },
    refreshMs,
    { restartKey: `${restartKey}:${page}:${attempt}` },
  );

  const goToPage = useCallback((next: number) => {
    setState({ kind: 'loading' });
    setPage(next);
  }, []);
  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, page, goToPage, retry };
}
