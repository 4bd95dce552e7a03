import type { ReactNode } from 'react';
import { Alert } from '../../components/Alert';
import type { AdminDataState } from './useAdminData';

interface AdminSectionProps<T> {
  id: string;
  title: string;
  state: AdminDataState<T>;
  retry: () => void;
  actions?: ReactNode;
  children: (data: T) => ReactNode;
}

/** A panel of the operator page with its loading, error and stale states. */
export function AdminSection<T>({
  id,
  title,
  state,
  retry,
  actions,
  children,
}: AdminSectionProps<T>) {
  return (
    <section className="panel" aria-labelledby={id} aria-busy={state.kind === 'loading'}>
      <div className="panel__head panel__head--wrap">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {state.kind === 'loading' && <p role="status">Loading…</p>}
      {state.kind === 'error' && (
        <Alert title={`${title}: could not be loaded`}>
          <p>{state.message}</p>
          <button type="button" className="button button--small" onClick={retry}>
            Try again
          </button>
        </Alert>
      )}
      {state.kind === 'loaded' && (
        <>
          {state.refreshError && (
            <p className="alert alert--info" role="status">
              Could not refresh ({state.refreshError}) Showing what was loaded last.
            </p>
          )}
          {children(state.data)}
        </>
      )}
    </section>
  );
}
