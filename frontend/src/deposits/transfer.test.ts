import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import {
  MEMO_PROGRAM_ID,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  associatedTokenAddress,
  buildDepositTransaction,
  transferCheckedInstruction,
} from './transfer';

const OWNER = new PublicKey(new Uint8Array(32).fill(7));
const MINT = new PublicKey('So11111111111111111111111111111111111111112');

describe('the deposit transfer', () => {
  it('derives associated token accounts as the SPL program does', () => {
    // Known answers from contracts-client/localnet's own derivation (src/keys.js), which the
    // real Associated Token Account program accepts there.
    expect(associatedTokenAddress(OWNER, MINT).toBase58()).toBe(
      'Coz3LBGDD5czMN8CroEdxrDykE9CSnXBMyj7SZMwh82z',
    );
    expect(associatedTokenAddress(OWNER, MINT, TOKEN_2022_PROGRAM_ID).toBase58()).toBe(
      '6Wtci4wJUjNHwjZiTC4qoeKoYm2Hon9XAH3jazQiyWbk',
    );
  });

  it('encodes TransferChecked as index 12, the amount as u64 little-endian, then decimals', () => {
    const ix = transferCheckedInstruction({
      source: OWNER,
      mint: MINT,
      destination: MINT,
      owner: OWNER,
      amount: 0x0102030405060708n,
      decimals: 6,
    });
    expect([...ix.data]).toEqual([12, 8, 7, 6, 5, 4, 3, 2, 1, 6]);
    const max = transferCheckedInstruction({
      source: OWNER,
      mint: MINT,
      destination: MINT,
      owner: OWNER,
      amount: (1n << 64n) - 1n,
      decimals: 9,
    });
    expect([...max.data]).toEqual([12, 255, 255, 255, 255, 255, 255, 255, 255, 9]);
    expect(() =>
      transferCheckedInstruction({
        source: OWNER,
        mint: MINT,
        destination: MINT,
        owner: OWNER,
        amount: 1n << 64n,
        decimals: 6,
      }),
    ).toThrow(RangeError);
  });

  it('signs into a transaction with the memo, then the transfer carrying the reference', () => {
    const payer = Keypair.generate();
    const recipient = Keypair.generate().publicKey;
    const reference = Keypair.generate().publicKey;
    const transaction = buildDepositTransaction({
      payer: payer.publicKey,
      recipient,
      mint: MINT,
      tokenProgram: TOKEN_PROGRAM_ID,
      amount: 12_500_000n,
      decimals: 6,
      reference,
      memo: 'rigshare:deposit:42',
      blockhash: 'EETubP5AKHgjPAhzPAFcb8BAY1hMH639CWCFTqi3hq1k',
      lastValidBlockHeight: 1000,
    });
    transaction.sign(payer);

    // What the wallet would send, read back from its wire bytes.
    const sent = Transaction.from(transaction.serialize());
    expect(sent.verifySignatures()).toBe(true);
    expect(sent.feePayer?.equals(payer.publicKey)).toBe(true);
    expect(sent.recentBlockhash).toBe('EETubP5AKHgjPAhzPAFcb8BAY1hMH639CWCFTqi3hq1k');
    const [memo, transfer] = sent.instructions;
    expect(memo.programId.equals(MEMO_PROGRAM_ID)).toBe(true);
    expect(new TextDecoder().decode(memo.data)).toBe('rigshare:deposit:42');
    expect(memo.keys.map((k) => [k.pubkey.toBase58(), k.isSigner])).toEqual([
      [payer.publicKey.toBase58(), true],
    ]);

    expect(transfer.programId.equals(TOKEN_PROGRAM_ID)).toBe(true);
    expect([...transfer.data]).toEqual([12, 0x20, 0xbc, 0xbe, 0, 0, 0, 0, 0, 6]); // 12,500,000
    // As built (the wire format marks the fee payer writable whatever the instruction says).
    const built = transaction.instructions[1];
    expect(transfer.keys.map((k) => k.pubkey.toBase58())).toEqual(
      built.keys.map((k) => k.pubkey.toBase58()),
    );
    expect(built.keys.map((k) => [k.pubkey.toBase58(), k.isSigner, k.isWritable])).toEqual([
      [associatedTokenAddress(payer.publicKey, MINT).toBase58(), false, true],
      [MINT.toBase58(), false, false],
      [associatedTokenAddress(recipient, MINT).toBase58(), false, true],
      [payer.publicKey.toBase58(), true, false],
      [reference.toBase58(), false, false],
    ]);
  });
});
