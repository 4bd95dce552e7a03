import { useState } from 'react';
import type { ListPage } from '../api';
import { usePolledLoad, type LoadState } from './usePolledLoad';

export type PagedListState<T> = LoadState<ListPage<T>>;

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
  const { state, retry } = usePolledLoad((signal) => load(page * pageSize, signal), refreshMs, {
    view: page,
    refreshKey: restartKey,
  });
  return { state, page, goToPage: setPage, retry };
}
