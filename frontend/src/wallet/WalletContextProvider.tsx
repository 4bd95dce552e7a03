import type { WalletError } from '@solana/wallet-adapter-base';
import { WalletProvider } from '@solana/wallet-adapter-react';
import { WalletModalProvider } from '@solana/wallet-adapter-react-ui';
import { useCallback, type ReactNode } from 'react';
import { useNotify } from '../notifications';
import './wallet-adapter-ui.css';

/**
 * Wallet connection for the whole app. The adapter list is empty on purpose: every wallet that
 * implements the Wallet Standard registers itself and shows up in the modal. There is no
 * ConnectionProvider: the API does the chain's work, and the one payment the browser makes (a
 * deposit, src/deposits/payWithWallet.ts) talks to the RPC URL that GET /api/chain names.
 */
export function WalletContextProvider({ children }: { children: ReactNode }) {
  const notify = useNotify();

  const onError = useCallback(
    (error: WalletError) => {
      notify({
        kind: 'error',
        key: 'wallet-error',
        title: 'Wallet error',
        message: error.message || `${error.name}: the wallet refused or failed. Try again.`,
      });
    },
    [notify],
  );

  return (
    <WalletProvider wallets={[]} autoConnect onError={onError} localStorageKey="rigshare.wallet">
      <WalletModalProvider>{children}</WalletModalProvider>
    </WalletProvider>
  );
}
