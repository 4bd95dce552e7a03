import { useCallback, useState } from 'react';
import { describeError } from '../api';
import { useNotify } from '../notifications';
import { shortenAddress, useSession } from '../session';
import { SignInButton } from './SignInButton';

/** Header area saying who is signed in, with Sign out (or Sign in when nobody is). */
export function SessionBadge() {
  const { status, session, walletAddress, signOut } = useSession();
  const notify = useNotify();
  const [signingOut, setSigningOut] = useState(false);

  const onSignOut = useCallback(async () => {
    setSigningOut(true);
    try {
      await signOut();
      notify({ kind: 'success', key: 'sign-in', title: 'Signed out' });
    } catch (error) {
      notify({
        kind: 'error',
        key: 'sign-in',
        title: 'Signed out on this device only',
        message: `The server was not told: ${describeError(error)}`,
      });
    } finally {
      setSigningOut(false);
    }
  }, [signOut, notify]);

  if (status === 'checking') {
    return (
      <p className="session-badge" role="status">
        Checking your session…
      </p>
    );
  }

  if (status === 'signed-in' && session) {
    return (
      <div className="session-badge">
        <p className="session-badge__who" title={`Signed in as ${session.address}`}>
          <span className="dot dot--ok" aria-hidden="true" />
          Signed in
          {/* The wallet button beside it shows the address; the header has no room for it twice. */}
          <span className="sr-only">
            {' '}
            as <span className="mono">{shortenAddress(session.address)}</span>
          </span>
        </p>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={onSignOut}
          disabled={signingOut}
        >
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    );
  }

  if (!walletAddress) return null;
  return (
    <div className="session-badge">
      <p className="sr-only">Not signed in</p>
      <SignInButton className="button button--primary button--small" />
    </div>
  );
}
