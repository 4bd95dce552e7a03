import { Keypair, PublicKey, Transaction, type Connection } from '@solana/web3.js';
import { describe, expect, it, vi } from 'vitest';
import type { Deposit } from '../api';
import { json, stubApi, type RecordedCall } from '../test/fakeApi';
import { deposit } from '../test/paymentFixtures';
import { payDeposit, type PayStep } from './payWithWallet';
import { TOKEN_2022_PROGRAM_ID, associatedTokenAddress } from './transfer';

const RPC = 'http://localhost:8899';
const BLOCKHASH = 'EETubP5AKHgjPAhzPAFcb8BAY1hMH639CWCFTqi3hq1k';

function rpc(mintOwner: string | null) {
  return (call: RecordedCall) => {
    const { id, method } = call.body as { id: number; method: string };
    const result =
      method === 'getAccountInfo'
        ? { value: mintOwner === null ? null : { owner: mintOwner } }
        : { value: { blockhash: BLOCKHASH, lastValidBlockHeight: 77 } };
    return json(200, { jsonrpc: '2.0', id, result });
  };
}

describe('paying a deposit from the wallet', () => {
  it('lets a wallet without signTransaction sign and send it, on the cluster’s RPC', async () => {
    const api = stubApi({ 'POST /': rpc(TOKEN_2022_PROGRAM_ID.toBase58()) });
    const payer = Keypair.generate();
    const sendTransaction = vi.fn(async (_tx: Transaction, _connection: Connection) => 'sig-1');
    const steps: PayStep[] = [];
    const d = deposit() as unknown as Deposit;

    const signature = await payDeposit(
      d,
      RPC,
      { publicKey: payer.publicKey, sendTransaction },
      (s) => steps.push(s),
    );

    expect(signature).toBe('sig-1');
    expect(steps).toEqual(['preparing', 'approving']);
    const [tx, connection] = sendTransaction.mock.calls[0];
    expect(connection.rpcEndpoint).toBe(RPC);
    expect(tx.recentBlockhash).toBe(BLOCKHASH);
    expect(tx.lastValidBlockHeight).toBe(77);
    // A Token-2022 mint: its program, and token accounts derived under it.
    const transfer = tx.instructions[1];
    expect(transfer.programId.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
    const mint = new PublicKey(d.mint);
    expect(
      transfer.keys[0].pubkey.equals(
        associatedTokenAddress(payer.publicKey, mint, TOKEN_2022_PROGRAM_ID),
      ),
    ).toBe(true);
    expect(
      transfer.keys[2].pubkey.equals(
        associatedTokenAddress(new PublicKey(d.recipient), mint, TOKEN_2022_PROGRAM_ID),
      ),
    ).toBe(true);
    expect(api.calls.map((c) => (c.body as { method: string }).method)).toEqual([
      'getAccountInfo',
      'getLatestBlockhash',
    ]);
  });

  it('refuses a mint the cluster does not know, before asking the wallet', async () => {
    stubApi({ 'POST /': rpc(null) });
    const sendTransaction = vi.fn();
    await expect(
      payDeposit(deposit() as unknown as Deposit, RPC, {
        publicKey: Keypair.generate().publicKey,
        sendTransaction,
      }),
    ).rejects.toThrow('The token’s mint was not found on this cluster');
    expect(sendTransaction).not.toHaveBeenCalled();
  });

  it('reports the RPC node’s own error when it refuses the transfer', async () => {
    stubApi({
      'POST /': (call) => {
        const { id, method } = call.body as { id: number; method: string };
        if (method === 'sendTransaction') {
          return json(200, {
            jsonrpc: '2.0',
            id,
            error: { code: -32002, message: 'Transaction simulation failed: insufficient funds' },
          });
        }
        return rpc('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA')(call);
      },
    });
    const payer = Keypair.generate();
    await expect(
      payDeposit(deposit() as unknown as Deposit, RPC, {
        publicKey: payer.publicKey,
        signTransaction: async (tx) => {
          (tx as Transaction).partialSign(payer);
          return tx;
        },
        sendTransaction: vi.fn(),
      }),
    ).rejects.toThrow('Transaction simulation failed: insufficient funds');
  });
});
