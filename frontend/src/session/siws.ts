import type { SolanaSignInInput, SolanaSignInOutput } from '@solana/wallet-standard-features';
import {
  createSession,
  requestChallenge,
  type HttpClient,
  type SessionResponse,
  type SignInInputFields,
} from '../api';
import { encodeBase58 } from './base58';

/** What sign-in needs from a wallet: wallet-adapter's `signIn` and/or `signMessage`. */
export interface SigningWallet {
  signIn?: (input?: SolanaSignInInput) => Promise<SolanaSignInOutput>;
  signMessage?: (message: Uint8Array) => Promise<Uint8Array>;
}

const INPUT_FIELDS = [
  'domain',
  'address',
  'statement',
  'uri',
  'version',
  'chainId',
  'nonce',
  'issuedAt',
  'expirationTime',
] as const satisfies readonly (keyof SignInInputFields & keyof SolanaSignInInput)[];

/** Copies exactly the server's SIWS fields, so the wallet rebuilds the message the server expects. */
export function toSignInInput(fields: SignInInputFields): SolanaSignInInput {
  const input: Partial<Record<(typeof INPUT_FIELDS)[number], string>> = {};
  for (const key of INPUT_FIELDS) {
    const value = fields[key];
    if (value !== undefined && value !== null) input[key] = value;
  }
  return input;
}

export function canSign(wallet: SigningWallet): boolean {
  return Boolean(wallet.signIn ?? wallet.signMessage);
}

/**
 * Sign-In With Solana: ask the server for a challenge, have the wallet sign it (through the
 * `solana:signIn` feature when the wallet has it, else by signing the message text), and trade
 * the signature for a session.
 */
export async function signInWithSolana(
  http: HttpClient,
  address: string,
  wallet: SigningWallet,
): Promise<SessionResponse> {
  if (!canSign(wallet)) {
    throw new Error(
      'This wallet cannot sign messages, so it cannot sign in. Connect another wallet.',
    );
  }
  const challenge = await requestChallenge(http, address);

  if (wallet.signIn) {
    const output = await wallet.signIn(toSignInInput(challenge.input));
    return createSession(http, {
      address: output.account.address,
      message: new TextDecoder().decode(output.signedMessage),
      signature: encodeBase58(output.signature),
    });
  }

  const signature = await wallet.signMessage!(new TextEncoder().encode(challenge.message));
  return createSession(http, {
    address,
    message: challenge.message,
    signature: encodeBase58(signature),
  });
}
