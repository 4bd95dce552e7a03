import { createContext, useContext, useEffect } from 'react';

/**
 * The reward token as the app needs it to read and write amounts.
 * - `loading`: GET /api/chain has not answered yet.
 * - `ready`: `decimals`, `mint`, `treasury`, `rpcUrl` and `explorerUrl` are the server's.
 * - `fallback`: the server has no cluster configured (or no such endpoint); `decimals` is the
 *   server's default, 6.
 * - `error`: the server could not be asked (`problem` says why); it is asked again shortly.
 *
 * Amounts may be typed and sent only when `ready` or `fallback`: a wrong number of decimals would
 * change a price a thousandfold.
 */
export interface TokenInfo {
  status: 'loading' | 'ready' | 'fallback' | 'error';
  decimals: number;
  mint: string | null;
  /** The wallet that receives deposits and pays out; null until `ready`. */
  treasury: string | null;
  /** The Solana JSON-RPC endpoint the browser may read blockhashes from; null until `ready`. */
  rpcUrl: string | null;
  /** The block explorer, possibly with a cluster query (`?cluster=devnet`); null until `ready`. */
  explorerUrl: string | null;
  problem: string | null;
}

export interface TokenContextValue {
  info: TokenInfo;
  /** Starts loading the chain facts, once; later calls do nothing. */
  load(): void;
  /** Asks again now, after an error. */
  retry(): void;
}

export const TokenContext = createContext<TokenContextValue | null>(null);

/** The reward token's decimals; loads them from the server on first use. */
export function useToken(): TokenInfo & { known: boolean; retry(): void } {
  const context = useContext(TokenContext);
  if (!context) throw new Error('useToken must be used inside <TokenProvider>');
  const { load, info, retry } = context;
  useEffect(() => load(), [load]);
  return { ...info, known: info.status === 'ready' || info.status === 'fallback', retry };
}
