import { Connection, PublicKey, type Transaction } from '@solana/web3.js';
import type { Deposit } from '../api';
import { getAccountOwner, getLatestBlockhash, sendRawTransaction } from '../chain/rpc';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, buildDepositTransaction } from './transfer';

/** What paying needs of the connected wallet (wallet-adapter's `useWallet()` has it). */
export interface PayingWallet {
  publicKey: PublicKey;
  /** Present when the wallet signs without sending; the app then sends through the RPC. */
  signTransaction?: <T extends Transaction>(transaction: T) => Promise<T>;
  /** Signs and sends in one step (Wallet Standard `signAndSendTransaction`). */
  sendTransaction: (transaction: Transaction, connection: Connection) => Promise<string>;
}

export type PayStep = 'preparing' | 'approving' | 'sending';

/**
 * Pays a deposit from the connected wallet: builds the Solana Pay transfer (memo, then
 * `TransferChecked` with the reference key) on a fresh blockhash, has the wallet sign it, sends
 * it, and answers its signature. Whether it landed and was credited is for the server to say.
 */
export async function payDeposit(
  deposit: Deposit,
  rpcUrl: string,
  wallet: PayingWallet,
  onStep: (step: PayStep) => void = () => undefined,
): Promise<string> {
  onStep('preparing');
  const mint = new PublicKey(deposit.mint);
  const owner = await getAccountOwner(rpcUrl, deposit.mint);
  const tokenProgram = [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID].find(
    (p) => p.toBase58() === owner,
  );
  if (!tokenProgram) {
    throw new Error('The token’s mint was not found on this cluster, so it cannot be paid here.');
  }
  const { blockhash, lastValidBlockHeight } = await getLatestBlockhash(rpcUrl);
  const transaction = buildDepositTransaction({
    payer: wallet.publicKey,
    recipient: new PublicKey(deposit.recipient),
    mint,
    tokenProgram,
    amount: BigInt(deposit.amount),
    decimals: deposit.decimals,
    reference: new PublicKey(deposit.reference),
    memo: deposit.memo,
    blockhash,
    lastValidBlockHeight,
  });

  onStep('approving');
  if (wallet.signTransaction) {
    const signed = await wallet.signTransaction(transaction);
    onStep('sending');
    return sendRawTransaction(rpcUrl, signed.serialize());
  }
  return wallet.sendTransaction(transaction, new Connection(rpcUrl, 'confirmed'));
}
