// State in --data-dir survives a clean stop and a kill -9; --fresh starts over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Keypair, PublicKey, Transaction, sendAndConfirmTransaction } from '@solana/web3.js';
import { getAssociatedTokenAddressSync, createAssociatedTokenAccountIdempotentInstruction, createTransferCheckedInstruction } from '@solana/spl-token';
import { startServer, tempDir, waitFor } from './helpers.js';

async function payout(server, owner, amount) {
  const mint = new PublicKey(server.info.mint);
  const treasury = server.treasury();
  const from = getAssociatedTokenAddressSync(mint, treasury.publicKey);
  const to = getAssociatedTokenAddressSync(mint, owner);
  const tx = new Transaction().add(
    createAssociatedTokenAccountIdempotentInstruction(treasury.publicKey, to, owner, mint),
    createTransferCheckedInstruction(from, mint, to, treasury.publicKey, amount, 6),
  );
  return { signature: await sendAndConfirmTransaction(server.connection, tx, [treasury]), ata: to };
}

const tokenAmount = async (server, ata) => (await server.result('getTokenAccountBalance', [ata.toBase58()])).value.amount;

test('restart on the same data dir keeps mint, treasury, balances and history', async (t) => {
  const dir = tempDir();
  const first = await startServer({ dataDir: dir, args: ['--slot-ms', '50'] });
  t.diagnostic(`cold start with first-run setup: ${first.readyMs.toFixed(0)} ms to ready line (${first.info.startupMs} ms inside the server)`);
  const owner = Keypair.generate().publicKey;
  const { signature, ata } = await payout(first, owner, 4_200_000n);
  const treasuryAta = getAssociatedTokenAddressSync(new PublicKey(first.info.mint), new PublicKey(first.info.treasury));
  const treasuryTokens = await tokenAmount(first, treasuryAta);
  const treasuryLamports = (await first.result('getBalance', [first.info.treasury])).value;
  const keypairBytes = fs.readFileSync(first.info.treasuryKeypairPath, 'utf8');
  const slotBefore = await first.result('getSlot');
  const txBefore = await first.result('getTransaction', [signature, { encoding: 'json' }]);
  assert.equal(await first.stop(), 0, 'clean exit on SIGTERM');

  const second = await startServer({ dataDir: dir, args: ['--slot-ms', '50', '--mint-decimals', '9'] });
  t.diagnostic(`restart: ${second.readyMs.toFixed(0)} ms to ready line (${second.info.startupMs} ms inside the server)`);
  try {
    assert.equal(second.info.firstRun, false);
    for (const k of ['mint', 'treasury', 'faucet', 'treasuryTokenAccount', 'genesisHash', 'treasuryKeypairPath']) {
      assert.equal(second.info[k], first.info[k], k);
    }
    assert.equal(second.info.decimals, 6, 'decimals come from the existing mint');
    assert.equal(fs.readFileSync(second.info.treasuryKeypairPath, 'utf8'), keypairBytes);
    assert.equal(await tokenAmount(second, ata), '4200000');
    assert.equal(await tokenAmount(second, treasuryAta), treasuryTokens);
    assert.equal((await second.result('getBalance', [first.info.treasury])).value, treasuryLamports);
    assert.ok((await second.result('getSlot')) >= slotBefore);
    assert.deepEqual(await second.result('getTransaction', [signature, { encoding: 'json' }]), txBefore);
    const sigs = await second.result('getSignaturesForAddress', [owner.toBase58()]);
    assert.deepEqual(sigs.map((s) => s.signature), [signature]);
    const dup = await second.call('sendTransaction', [(await second.result('getTransaction', [signature, 'base64'])).transaction[0], { encoding: 'base64' }]);
    assert.equal(dup.error.code, -32002, 'history survives, so a replay is still a duplicate (or expired)');
    const { ata: ata2 } = await payout(second, owner, 800_000n);
    assert.equal(ata2.toBase58(), ata.toBase58());
    assert.equal(await tokenAmount(second, ata), '5000000');
  } finally {
    await second.stop();
  }
});

test('a kill -9 after a transaction has landed loses nothing once flushed', async () => {
  const dir = tempDir();
  const first = await startServer({ dataDir: dir, args: ['--slot-ms', '0', '--flush-ms', '50'] });
  const owner = Keypair.generate().publicKey;
  const { signature, ata } = await payout(first, owner, 77n);
  await waitFor(() => fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8').includes(signature));
  await new Promise((r) => setTimeout(r, 200));
  await first.stop('SIGKILL');
  const second = await startServer({ dataDir: dir, args: ['--slot-ms', '0'] });
  try {
    assert.equal(await tokenAmount(second, ata), '77');
    assert.equal((await second.result('getTransaction', [signature])).meta.err, null);
  } finally {
    await second.stop();
  }
});

test('a torn history tail is cut back to the last consistent record', async () => {
  const dir = tempDir();
  const first = await startServer({ dataDir: dir, args: ['--slot-ms', '0'] });
  await first.stop();
  fs.appendFileSync(path.join(dir, 'history.jsonl'), '{"signature":"half-writ');
  const second = await startServer({ dataDir: dir, args: ['--slot-ms', '0'] });
  try {
    assert.equal(second.info.firstRun, false);
    assert.equal((await second.result('getEpochInfo')).transactionCount, 2, 'the two setup transactions');
  } finally {
    await second.stop();
  }
  assert.ok(!fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8').includes('half-writ'));
});

test('--fresh starts a new ledger in the same directory', async () => {
  const dir = tempDir();
  const first = await startServer({ dataDir: dir, args: ['--slot-ms', '0'] });
  await first.stop();
  const second = await startServer({ dataDir: dir, args: ['--slot-ms', '0', '--fresh', '--mint-decimals', '9'] });
  try {
    assert.equal(second.info.firstRun, true);
    assert.notEqual(second.info.mint, first.info.mint);
    assert.notEqual(second.info.treasury, first.info.treasury);
    assert.equal(second.info.decimals, 9);
    assert.equal((await second.result('getTokenSupply', [second.info.mint])).value.decimals, 9);
  } finally {
    await second.stop();
  }
});
