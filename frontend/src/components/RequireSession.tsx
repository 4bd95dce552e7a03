import { WalletMultiButton } from '@solana/wallet-adapter-react-ui';
import type { ReactNode } from 'react';
import { shortenAddress, useSession } from '../session';
import { SignInButton } from './SignInButton';

/**
 * Shows its children only with a session that applies to the connected wallet; otherwise shows
 * the sign-in steps in place, so the person stays on this page and sees it once signed in.
 */
export function RequireSession({ purpose, children }: { purpose: string; children: ReactNode }) {
  const { status, walletAddress, walletCanSign } = useSession();

  if (status === 'signed-in') return <>{children}</>;
  if (status === 'checking') {
    return (
      <section className="panel" aria-busy="true">
        <p role="status">Checking your session with the server…</p>
      </section>
    );
  }

  return (
    <section className="panel sign-in-panel" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign in to {purpose}</h2>
      {status === 'other-wallet' && walletAddress && (
        <p className="alert alert--info" role="status">
          The connected wallet <span className="mono">{shortenAddress(walletAddress)}</span> is not
          the one you signed in with. Sign in with this wallet, or switch your wallet back.
        </p>
      )}
      <ol className="steps">
        <li className={walletAddress ? 'steps__item steps__item--done' : 'steps__item'}>
          <div className="steps__text">
            <p className="steps__title">Connect a Solana wallet</p>
            <p className="muted">
              {walletAddress ? (
                <>
                  Connected: <span className="mono">{shortenAddress(walletAddress)}</span>
                </>
              ) : (
                'Any wallet that supports the Wallet Standard (for example Phantom, Solflare or Backpack).'
              )}
            </p>
          </div>
          <WalletMultiButton />
        </li>
        <li className="steps__item">
          <div className="steps__text">
            <p className="steps__title">Sign in with that wallet</p>
            <p className="muted">
              {walletAddress && !walletCanSign
                ? 'This wallet cannot sign messages. Connect a different wallet to sign in.'
                : 'Your wallet asks you to sign a short message. It is not a transaction and costs nothing.'}
            </p>
          </div>
          {walletAddress && <SignInButton />}
        </li>
      </ol>
    </section>
  );
}
