import { LoadError } from './LoadError';
import { PageNav } from './PageNav';
import { RefreshError } from './RefreshError';
import type { PagedListState } from '../hooks';

export interface PagedListShellProps<T> {
  state: PagedListState<T>;
  what: string;
  empty: string;
  retry: () => void;
  page: number;
  goToPage: (page: number) => void;
  children: (items: T[]) => React.ReactNode;
}

/** Loading, error, empty, refresh-failed and paging around a history table. */
export function PagedListShell<T>({
  state,
  what,
  empty,
  retry,
  page,
  goToPage,
  children,
}: PagedListShellProps<T>) {
  if (state.kind === 'loading') return <p role="status">Loading your {what}…</p>;
  if (state.kind === 'error') {
    return (
      <LoadError
        title={`Your ${what} could not be loaded`}
        message={state.message}
        onRetry={retry}
      />
    );
  }
  if (state.result.items.length === 0 && page === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      <RefreshError error={state.refreshError} what={`your ${what}`} />
      <div className="table-wrap">{children(state.result.items)}</div>
      <PageNav
        page={page}
        hasMore={state.result.hasMore}
        onPage={goToPage}
        label={`Pages of ${what}`}
      />
    </>
  );
}
