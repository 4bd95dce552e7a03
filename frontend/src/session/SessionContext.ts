import { createContext, useContext } from 'react';
import type { HttpClient } from '../api';
import type { StoredSession } from './storage';

/**
 * - `signed-out`: no session (or it expired, or the server rejected it).
 * - `checking`: a stored session is being confirmed with `GET /api/me`.
 * - `signed-in`: the session applies to the connected wallet (or no wallet is connected yet).
 * - `other-wallet`: a session exists, but the connected wallet is a different address.
 */
export type SessionStatus = 'signed-out' | 'checking' | 'signed-in' | 'other-wallet';

export interface SessionState {
  status: SessionStatus;
  /** The session that applies now; null unless status is `signed-in` or `checking`. */
  session: StoredSession | null;
  /** The connected wallet's address, if any. */
  walletAddress: string | null;
  /** The connected wallet can sign in (has `signIn` or `signMessage`). */
  walletCanSign: boolean;
  /**
   * Whether the signed-in wallet is an operator (GET /api/me); null while signed out or not yet
   * known. Only hides or shows navigation: the server refuses operator calls from anyone else.
   */
  operator: boolean | null;
  signingIn: boolean;
  /** Runs Sign-In With Solana with the connected wallet. Throws on failure. */
  signIn(): Promise<void>;
  /** Ends the session on the server (best effort) and forgets it here. Throws if the server could not be told. */
  signOut(): Promise<void>;
  /** The API client, sending this session's bearer token. */
  http: HttpClient;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession must be used inside <SessionProvider>');
  return state;
}
