import { useState } from 'react';
import { ApiError, describeError, getNodeTokenStatus, type NodeTokenStatus } from '../../api';
import { usePolling } from '../../hooks';
import { useSession } from '../../session';

export const TOKEN_POLL_MS = 2000;

export interface TokenWatch {
  status: NodeTokenStatus | null;
  /** The last poll failed; polling goes on (except after a 404). */
  error: string | null;
  /** The token is gone (404): nothing left to wait for. */
  missing: boolean;
}

/**
 * Follows a registration token until a node uses it (or it expires or is revoked), polling every
 * 2 s while the tab is visible.
 */
export function useTokenStatus(tokenId: string): TokenWatch {
  const { http } = useSession();
  const [watch, setWatch] = useState<TokenWatch>({ status: null, error: null, missing: false });
  const settled = watch.missing || (watch.status !== null && watch.status.state !== 'pending');

  usePolling(
    async (signal) => {
      try {
        const status = await getNodeTokenStatus(http, tokenId, signal);
        setWatch({ status, error: null, missing: false });
      } catch (error) {
        if (signal.aborted) return;
        const missing = error instanceof ApiError && error.status === 404;
        setWatch((previous) => ({ ...previous, error: describeError(error), missing }));
      }
    },
    TOKEN_POLL_MS,
    { enabled: !settled, restartKey: tokenId },
  );

  return watch;
}
