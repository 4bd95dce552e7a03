import { WalletReadyState, type Adapter, type WalletName } from '@solana/wallet-adapter-base';
import { WalletContext, type Wallet, type WalletContextState } from '@solana/wallet-adapter-react';
import { WalletModalProvider } from '@solana/wallet-adapter-react-ui';
import type { SolanaSignInInput, SolanaSignInOutput } from '@solana/wallet-standard-features';
import { PublicKey } from '@solana/web3.js';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { AppShell } from '../App';
import { TokenProvider } from '../chain';
import { NotificationProvider } from '../notifications';
import { Router } from '../router';
import { SessionProvider } from '../session';

export const WALLET_ADDRESS = new PublicKey(new Uint8Array(32).fill(7)).toBase58();
export const OTHER_ADDRESS = new PublicKey(new Uint8Array(32).fill(9)).toBase58();
/** The signature every fake wallet returns: bytes 0..63. */
export const SIGNATURE_BYTES = Uint8Array.from({ length: 64 }, (_, i) => i);
export const SIGNATURE_BASE58 =
  '1GMkH3brNXiNNs1tiFZHu4yZSRrzJwxi5wB9bHFtMinfCXNnR1adh8Vo8NTheK4evneedH4qmvjeqcBBNAefgS';

export interface FakeWalletOptions {
  /** null: no wallet connected */
  address?: string | null;
  /** true: the wallet has the solana:signIn feature */
  supportsSignIn?: boolean;
  rejectWith?: Error;
}

/**
 * A test double of a browser wallet as wallet-adapter exposes it: a connected account that
 * signs whatever it is given, with spies to see what it was asked to sign.
 */
export function fakeWallet({
  address = WALLET_ADDRESS,
  supportsSignIn = true,
  rejectWith,
}: FakeWalletOptions = {}) {
  const signIn = vi.fn(async (input?: SolanaSignInInput): Promise<SolanaSignInOutput> => {
    if (rejectWith) throw rejectWith;
    const message = `${input?.domain} wants you to sign in with your Solana account:\n${input?.address}\n\nNonce: ${input?.nonce}`;
    return {
      account: {
        address: address!,
        publicKey: new PublicKey(address!).toBytes(),
        chains: ['solana:devnet'],
        features: ['solana:signIn'],
      },
      signedMessage: new TextEncoder().encode(message),
      signature: SIGNATURE_BYTES,
      signatureType: 'ed25519',
    };
  });
  const signMessage = vi.fn(async (_message: Uint8Array): Promise<Uint8Array> => {
    if (rejectWith) throw rejectWith;
    return SIGNATURE_BYTES;
  });

  const adapter = {
    name: 'Fake Wallet' as WalletName,
    icon: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
    url: 'https://example.invalid',
    readyState: WalletReadyState.Installed,
    publicKey: address ? new PublicKey(address) : null,
    connecting: false,
    connected: address !== null,
  } as unknown as Adapter;
  const wallet: Wallet = { adapter, readyState: WalletReadyState.Installed };

  const state: WalletContextState = {
    autoConnect: true,
    wallets: [wallet],
    wallet: address ? wallet : null,
    publicKey: address ? new PublicKey(address) : null,
    connecting: false,
    connected: address !== null,
    disconnecting: false,
    select: vi.fn(),
    connect: vi.fn(async () => undefined),
    disconnect: vi.fn(async () => undefined),
    sendTransaction: vi.fn(),
    signTransaction: undefined,
    signAllTransactions: undefined,
    signMessage: address ? signMessage : undefined,
    signIn: address && supportsSignIn ? signIn : undefined,
  };
  return { state, signIn, signMessage };
}

/** Renders the real app shell (header, router, session, pages) around a fake wallet, at `path`. */
export function renderApp(wallet: WalletContextState, path = '/') {
  window.history.replaceState(null, '', path);
  const tree = (state: WalletContextState) => (
    <NotificationProvider>
      <WalletContext.Provider value={state}>
        <WalletModalProvider>
          <SessionProvider>
            <TokenProvider>
              <Router>
                <AppShell />
              </Router>
            </TokenProvider>
          </SessionProvider>
        </WalletModalProvider>
      </WalletContext.Provider>
    </NotificationProvider>
  );
  const result = render(tree(wallet));
  return { ...result, setWallet: (state: WalletContextState) => result.rerender(tree(state)) };
}
