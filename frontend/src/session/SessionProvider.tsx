import { useWallet } from '@solana/wallet-adapter-react';
import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { ApiError, createHttpClient, deleteSession, getMe } from '../api';
import { useNotify } from '../notifications';
import { SessionContext, type SessionState, type SessionStatus } from './SessionContext';
import { canSign, signInWithSolana } from './siws';
import { SESSION_STORAGE_KEY, SessionStore } from './storage';

// setTimeout takes a signed 32-bit delay; longer sessions are re-checked on the next load.
const MAX_TIMER_MS = 2_147_483_647;

export function SessionProvider({ children }: { children: ReactNode }) {
  const { publicKey, signIn: walletSignIn, signMessage } = useWallet();
  const notify = useNotify();
  const [store] = useState(() => new SessionStore());
  const stored = useSyncExternalStore(store.subscribe, store.get);
  // The token GET /api/me has confirmed; until then a stored session is `checking`.
  const [validatedToken, setValidatedToken] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  // What GET /api/me said of a token's wallet: whether it may see the operator's pages.
  const [roleOf, setRoleOf] = useState<{ token: string; operator: boolean } | null>(null);

  const walletAddress = useMemo(() => publicKey?.toBase58() ?? null, [publicKey]);
  const applies = stored !== null && (walletAddress === null || walletAddress === stored.address);
  const token = applies ? stored.token : null;

  const onUnauthorized = useCallback(
    (_error: ApiError, sentToken: string | null) => {
      if (sentToken === null || !store.dropIfCurrent(sentToken)) return;
      notify({
        kind: 'info',
        key: 'session-ended',
        title: 'Your session has ended',
        message: 'Sign in again with your wallet to continue where you were.',
      });
    },
    [store, notify],
  );

  const http = useMemo(
    () => createHttpClient({ getToken: () => token, onUnauthorized }),
    [token, onUnauthorized],
  );

  // Confirm a stored session once per token (after a reload, or when the right wallet returns).
  useEffect(() => {
    if (token === null || token === validatedToken) return;
    const controller = new AbortController();
    getMe(http, controller.signal)
      .then((me) => {
        if (me.address === store.get()?.address) {
          setValidatedToken(token);
          setRoleOf({ token, operator: me.operator === true });
        } else store.set(null);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted || !(error instanceof ApiError)) return;
        if (error.status === 401) return; // onUnauthorized has dropped it already
        // The server could not confirm it (unreachable, overloaded): keep the session and say so.
        setValidatedToken(token);
        notify({
          kind: 'error',
          key: 'session-check',
          title: 'Could not check your session',
          message: error.message,
        });
      });
    return () => controller.abort();
  }, [token, validatedToken, http, store, notify]);

  // Forget the session when it expires while the page is open.
  useEffect(() => {
    if (!stored) return;
    const delay = Date.parse(stored.expiresAt) - Date.now();
    if (delay > MAX_TIMER_MS) return;
    const timer = window.setTimeout(
      () => {
        if (!store.dropIfCurrent(stored.token)) return;
        notify({
          kind: 'info',
          key: 'session-ended',
          title: 'Your session has expired',
          message: 'Sign in again with your wallet to continue.',
        });
      },
      Math.max(0, delay),
    );
    return () => window.clearTimeout(timer);
  }, [stored, store, notify]);

  // Signing in or out in another tab applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SESSION_STORAGE_KEY || event.key === null) store.reload();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [store]);

  const signIn = useCallback(async () => {
    if (!walletAddress) throw new Error('Connect a wallet first, then sign in.');
    setSigningIn(true);
    try {
      const session = await signInWithSolana(http, walletAddress, {
        signIn: walletSignIn,
        signMessage,
      });
      setValidatedToken(session.token);
      store.set({ token: session.token, address: session.address, expiresAt: session.expiresAt });
      // The role is a nicety for navigation: a failure here leaves it unknown, not the sign-in failed.
      getMe(createHttpClient({ getToken: () => session.token }))
        .then((me) => setRoleOf({ token: session.token, operator: me.operator === true }))
        .catch(() => undefined);
    } finally {
      setSigningIn(false);
    }
  }, [http, walletAddress, walletSignIn, signMessage, store]);

  const signOut = useCallback(async () => {
    const current = store.get();
    if (!current) return;
    try {
      await deleteSession(createHttpClient({ getToken: () => current.token }));
    } catch (error) {
      // A 401 means the server had ended it already: that is a successful sign-out.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      store.dropIfCurrent(current.token);
    }
  }, [store]);

  let status: SessionStatus;
  if (stored === null) status = 'signed-out';
  else if (!applies) status = 'other-wallet';
  else if (validatedToken !== stored.token) status = 'checking';
  else status = 'signed-in';

  const walletCanSign = canSign({ signIn: walletSignIn, signMessage });
  const operator = status === 'signed-in' && roleOf?.token === token ? roleOf.operator : null;
  const value = useMemo<SessionState>(
    () => ({
      status,
      session: applies ? stored : null,
      walletAddress,
      walletCanSign,
      operator,
      signingIn,
      signIn,
      signOut,
      http,
    }),
    [
      status,
      applies,
      stored,
      walletAddress,
      walletCanSign,
      operator,
      signingIn,
      signIn,
      signOut,
      http,
    ],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
