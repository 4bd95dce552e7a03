import { PublicKey, Transaction, TransactionInstruction } from '@solana/web3.js';

export const TOKEN_PROGRAM_ID = new PublicKey('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
export const TOKEN_2022_PROGRAM_ID = new PublicKey('TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb');
export const ASSOCIATED_TOKEN_PROGRAM_ID = new PublicKey(
  'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL',
);
/** SPL Memo v2: it checks that the accounts it lists signed. */
export const MEMO_PROGRAM_ID = new PublicKey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');

/** The SPL Token (and Token-2022) instruction index of `TransferChecked`. */
const TRANSFER_CHECKED = 12;
const MAX_U64 = (1n << 64n) - 1n;

/**
 * web3.js types instruction data as Node's Buffer, but it only reads the bytes (base58 and
 * copies), so a Uint8Array serves, without a Buffer polyfill in the app.
 */
function instructionData(bytes: Uint8Array): TransactionInstruction['data'] {
  return bytes as unknown as TransactionInstruction['data'];
}

/** The associated token account of `owner` for `mint` under `tokenProgram`. */
export function associatedTokenAddress(
  owner: PublicKey,
  mint: PublicKey,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
): PublicKey {
  return PublicKey.findProgramAddressSync(
    [owner.toBuffer(), tokenProgram.toBuffer(), mint.toBuffer()],
    ASSOCIATED_TOKEN_PROGRAM_ID,
  )[0];
}

export interface TransferCheckedArgs {
  source: PublicKey;
  mint: PublicKey;
  destination: PublicKey;
  owner: PublicKey;
  /** Base units; 1 to 2^64 - 1. */
  amount: bigint;
  decimals: number;
  tokenProgram?: PublicKey;
  /** Appended read-only, not signing: how Solana Pay finds the payment (its `reference`). */
  references?: PublicKey[];
}

/** `TransferChecked`: data is [12, amount as u64 little-endian, decimals as u8]. */
export function transferCheckedInstruction(args: TransferCheckedArgs): TransactionInstruction {
  const { amount, decimals } = args;
  if (amount < 1n || amount > MAX_U64) throw new RangeError(`amount out of range: ${amount}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
    throw new RangeError(`decimals out of range: ${decimals}`);
  }
  const data = new Uint8Array(10);
  data[0] = TRANSFER_CHECKED;
  new DataView(data.buffer).setBigUint64(1, amount, true);
  data[9] = decimals;
  return new TransactionInstruction({
    programId: args.tokenProgram ?? TOKEN_PROGRAM_ID,
    keys: [
      { pubkey: args.source, isSigner: false, isWritable: true },
      { pubkey: args.mint, isSigner: false, isWritable: false },
      { pubkey: args.destination, isSigner: false, isWritable: true },
      { pubkey: args.owner, isSigner: true, isWritable: false },
      ...(args.references ?? []).map((pubkey) => ({
        pubkey,
        isSigner: false,
        isWritable: false,
      })),
    ],
    data: instructionData(data),
  });
}

/** A memo signed by `signer`, its text as UTF-8. */
export function memoInstruction(memo: string, signer: PublicKey): TransactionInstruction {
  return new TransactionInstruction({
    programId: MEMO_PROGRAM_ID,
    keys: [{ pubkey: signer, isSigner: true, isWritable: false }],
    data: instructionData(new TextEncoder().encode(memo)),
  });
}

export interface DepositTransferArgs {
  /** The paying wallet: owner of the source token account, fee payer and signer. */
  payer: PublicKey;
  /** The deposit's recipient wallet; the tokens go to its associated token account. */
  recipient: PublicKey;
  mint: PublicKey;
  tokenProgram: PublicKey;
  amount: bigint;
  decimals: number;
  reference: PublicKey;
  memo: string;
  blockhash: string;
  lastValidBlockHeight: number;
}

/**
 * The deposit as Solana Pay shapes a transfer request: the memo, then `TransferChecked` from the
 * payer's associated token account to the recipient's, with the reference key appended.
 */
export function buildDepositTransaction(args: DepositTransferArgs): Transaction {
  const { payer, recipient, mint, tokenProgram } = args;
  const transaction = new Transaction({
    feePayer: payer,
    blockhash: args.blockhash,
    lastValidBlockHeight: args.lastValidBlockHeight,
  });
  transaction.add(
    memoInstruction(args.memo, payer),
    transferCheckedInstruction({
      source: associatedTokenAddress(payer, mint, tokenProgram),
      mint,
      destination: associatedTokenAddress(recipient, mint, tokenProgram),
      owner: payer,
      amount: args.amount,
      decimals: args.decimals,
      tokenProgram,
      references: [args.reference],
    }),
  );
  return transaction;
}
