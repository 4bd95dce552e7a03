import { ApiError } from '../../api';
import { usePolledLoad, type LoadState } from '../../hooks';

export type AdminDataState<T> = LoadState<T>;

/**
 * One operator view, refreshed every `refreshMs`. A 403 also calls `onForbidden`: it means the
 * whole page is not for this wallet, and the page then shows that instead of its views.
 */
export function useAdminData<T>(
  load: (signal: AbortSignal) => Promise<T>,
  refreshMs: number,
  onForbidden: () => void,
  restartKey: string | number = 0,
) {
  return usePolledLoad(
    async (signal) => {
      try {
        return await load(signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 403) onForbidden();
        throw error;
      }
    },
    refreshMs,
    { refreshKey: restartKey },
  );
}
