export { encodeBase58, shortenAddress } from './base58';
export { SessionProvider } from './SessionProvider';
export { useSession, type SessionState, type SessionStatus } from './SessionContext';
export { signInWithSolana, toSignInInput, type SigningWallet } from './siws';
export type { StoredSession } from './storage';
