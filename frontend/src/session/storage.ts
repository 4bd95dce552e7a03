import type { SessionResponse } from '../api';

export type StoredSession = SessionResponse;

export const SESSION_STORAGE_KEY = 'rigshare.session';

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const { token, address, expiresAt } = value as Record<string, unknown>;
  return typeof token === 'string' && typeof address === 'string' && typeof expiresAt === 'string';
}

export function isExpired(session: StoredSession, now: number = Date.now()): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return Number.isNaN(expiresAt) || expiresAt <= now;
}

/** The stored session, or null when there is none, it is unreadable, or it has expired. */
export function loadSession(now: number = Date.now()): StoredSession | null {
  try {
    const raw = window.localStorage.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!isStoredSession(parsed) || isExpired(parsed, now)) {
      window.localStorage.removeItem(SESSION_STORAGE_KEY);
      return null;
    }
    return { token: parsed.token, address: parsed.address, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession): void {
  try {
    const { token, address, expiresAt } = session;
    window.localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token, address, expiresAt }));
  } catch {
    // Storage may be full or disabled (private mode): the session then lasts until reload.
  }
}

export function clearSession(): void {
  try {
    window.localStorage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Nothing to clear when storage is disabled.
  }
}

/**
 * The one place the session lives while the app runs: React reads it through
 * useSyncExternalStore, and callbacks that outlive a render (401 handlers, timers) see the latest
 * value without stale closures. Every change is written to localStorage.
 */
export class SessionStore {
  private session: StoredSession | null = loadSession();
  private readonly listeners = new Set<() => void>();

  readonly get = (): StoredSession | null => this.session;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(session: StoredSession | null): void {
    this.session = session;
    if (session) saveSession(session);
    else clearSession();
    this.emit();
  }

  /** Drops the session only if it still holds `token`, so a late 401 cannot end a newer session. */
  dropIfCurrent(token: string): boolean {
    if (this.session?.token !== token) return false;
    this.set(null);
    return true;
  }

  /** Picks up a sign-in or sign-out made in another tab. */
  reload(): void {
    this.session = loadSession();
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
