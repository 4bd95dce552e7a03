import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, createHttpClient, describeError, getChain } from '../api';
import { DEFAULT_DECIMALS } from '../format';
import { TokenContext, type TokenContextValue, type TokenInfo } from './TokenContext';

const RETRY_MS = 5000;
const LOADING: TokenInfo = {
  status: 'loading',
  decimals: DEFAULT_DECIMALS,
  mint: null,
  treasury: null,
  rpcUrl: null,
  explorerUrl: null,
  problem: null,
};

/** Holds the reward token's facts from GET /api/chain (public), fetched when a page first needs them. */
export function TokenProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<TokenInfo>(LOADING);
  const started = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  const fetchChain = useCallback(() => {
    const attempt = () => {
      window.clearTimeout(timer.current);
      getChain(createHttpClient({ getToken: () => null }))
        .then((chain) => {
          const valid =
            Number.isInteger(chain.decimals) && chain.decimals >= 0 && chain.decimals <= 18;
          setInfo(
            valid
              ? {
                  status: 'ready',
                  decimals: chain.decimals,
                  mint: chain.mint,
                  treasury: chain.treasury,
                  rpcUrl: chain.rpcUrl,
                  explorerUrl: chain.explorerUrl || null,
                  problem: null,
                }
              : {
                  ...LOADING,
                  status: 'error',
                  problem: 'The server sent an invalid number of decimals.',
                },
          );
        })
        .catch((error: unknown) => {
          // 503: no cluster on this server; 404: a server without the endpoint. Both use the default.
          if (error instanceof ApiError && (error.status === 503 || error.status === 404)) {
            setInfo({ ...LOADING, status: 'fallback' });
            return;
          }
          setInfo({ ...LOADING, status: 'error', problem: describeError(error) });
          timer.current = window.setTimeout(attempt, RETRY_MS);
        });
    };
    attempt();
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const load = useCallback(() => {
    if (started.current) return;
    started.current = true;
    fetchChain();
  }, [fetchChain]);

  const retry = useCallback(() => {
    setInfo(LOADING);
    fetchChain();
  }, [fetchChain]);

  const value = useMemo<TokenContextValue>(() => ({ info, load, retry }), [info, load, retry]);
  return <TokenContext.Provider value={value}>{children}</TokenContext.Provider>;
}
