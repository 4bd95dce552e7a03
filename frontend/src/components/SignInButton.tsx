import { WalletError } from '@solana/wallet-adapter-base';
import { useWalletModal } from '@solana/wallet-adapter-react-ui';
import { useCallback } from 'react';
import { describeError } from '../api';
import { useNotify } from '../notifications';
import { shortenAddress, useSession } from '../session';

function describeSignInError(error: unknown): string {
  if (error instanceof WalletError) {
    const detail = error.message ? ` (${error.message})` : '';
    return `The wallet did not sign${detail}. Approve the sign-in request in your wallet to continue.`;
  }
  return describeError(error);
}

/** Connects a wallet when none is connected, otherwise runs Sign-In With Solana. */
export function SignInButton({ className = 'button button--primary' }: { className?: string }) {
  const { walletAddress, walletCanSign, signingIn, signIn } = useSession();
  const { setVisible } = useWalletModal();
  const notify = useNotify();

  const onClick = useCallback(async () => {
    if (!walletAddress) {
      setVisible(true);
      return;
    }
    try {
      await signIn();
      notify({
        kind: 'success',
        key: 'sign-in',
        title: 'Signed in',
        message: `You are signed in as ${shortenAddress(walletAddress)}.`,
      });
    } catch (error) {
      notify({
        kind: 'error',
        // Same key as the wallet provider's own error toast, so one failure shows one message.
        key: error instanceof WalletError ? 'wallet-error' : 'sign-in',
        title: 'Sign-in failed',
        message: describeSignInError(error),
      });
    }
  }, [walletAddress, setVisible, signIn, notify]);

  let label = 'Sign in with wallet';
  if (!walletAddress) label = 'Connect wallet';
  else if (signingIn) label = 'Approve in your wallet…';

  return (
    <button
      type="button"
      className={className}
      onClick={onClick}
      disabled={signingIn || (walletAddress !== null && !walletCanSign)}
      aria-busy={signingIn}
    >
      {label}
    </button>
  );
}
