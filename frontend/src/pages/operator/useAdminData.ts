import { useState } from 'react';
import { ApiError, describeError } from '../../api';
import { usePolling } from '../../hooks';

export type AdminDataState<T> =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; data: T; refreshError: string | null };

/**
 * One operator view, refreshed every `refreshMs`. A 403 is not shown here: it calls `onForbidden`,
 * since it means the whole page is not for this wallet.
 */
export function useAdminData<T>(
  load: (signal: AbortSignal) => Promise<T>,
  refreshMs: number,
  onForbidden: () => void,
  restartKey: string | number = 0,
) {
  const [state, setState] = useState<AdminDataState<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  usePolling(
    async (signal) => {
      try {
        const data = await load(signal);
        setState({ kind: 'loaded', data, refreshError: null });
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.status === 403) {
          onForbidden();
          return;
        }
        const message = describeError(error);
        setState((s) =>
          s.kind === 'loaded' ? { ...s, refreshError: message } : { kind: 'error', message },
        );
      }
    },
    refreshMs,
    { restartKey: `${restartKey}:${attempt}` },
  );
  const retry = () => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  };
  return { state, retry };
}
