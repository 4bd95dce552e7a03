import type { ReactNode } from 'react';
import { LoadError } from '../../components/LoadError';
import { RefreshError } from '../../components/RefreshError';
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
        <LoadError
          title={`${title}: could not be loaded`}
          message={state.message}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && (
        <>
          <RefreshError error={state.refreshError} what="this view" />
          {children(state.result)}
        </>
      )}
    </section>
  );
}
