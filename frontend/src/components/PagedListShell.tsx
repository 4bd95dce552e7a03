import { Alert } from './Alert';
import { PageNav } from './PageNav';
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
      <Alert title={`Your ${what} could not be loaded`}>
        <p>{state.message}</p>
        <button type="button" className="button button--small" onClick={retry}>
          Try again
        </button>
      </Alert>
    );
  }
  if (state.result.items.length === 0 && page === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      {state.refreshError && (
        <p className="alert alert--info" role="status">
          Could not refresh ({state.refreshError}) Showing what was loaded last.
        </p>
      )}
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
