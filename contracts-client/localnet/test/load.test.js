// 600 payout transfers sent at once must all land, each exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import bs58 from 'bs58';
import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import { getAssociatedTokenAddressSync, createTransferCheckedInstruction } from '@solana/spl-token';
import { startServer } from './helpers.js';

const TRANSFERS = 600;
const RECIPIENTS = 20;
let server;

before(async () => {
  server = await startServer({ args: ['--slot-ms', '400'] });
});
after(() => server.stop());

test(`${TRANSFERS} concurrent transfers land with exact balances`, async (t) => {
  const mint = new PublicKey(server.info.mint);
  const treasury = server.treasury();
  const treasuryAta = getAssociatedTokenAddressSync(mint, treasury.publicKey);
  const owners = Array.from({ length: RECIPIENTS }, () => Keypair.generate().publicKey);
  const atas = [];
  for (const owner of owners) {
    const r = await server.result('rigshare_faucet', { owner: owner.toBase58(), amount: 0 });
    atas.push(new PublicKey(r.tokenAccount));
    assert.equal(r.tokenAccount, getAssociatedTokenAddressSync(mint, owner).toBase58());
  }
  const tokensBefore = BigInt((await server.result('getTokenAccountBalance', [treasuryAta.toBase58()])).value.amount);
  const lamportsBefore = (await server.result('getBalance', [treasury.publicKey.toBase58()])).value;

  const { value } = await server.result('getLatestBlockhash');
  const expected = new Array(RECIPIENTS).fill(0n);
  const wires = [];
  for (let i = 0; i < TRANSFERS; i++) {
    const amount = BigInt(i + 1);
    expected[i % RECIPIENTS] += amount;
    const tx = new Transaction({ feePayer: treasury.publicKey, blockhash: value.blockhash, lastValidBlockHeight: value.lastValidBlockHeight });
    tx.add(createTransferCheckedInstruction(treasuryAta, mint, atas[i % RECIPIENTS], treasury.publicKey, amount, 6));
    tx.sign(treasury);
    wires.push(tx.serialize().toString('base64'));
  }

  const started = performance.now();
  const results = await Promise.all(wires.map((w) => server.call('sendTransaction', [w, { encoding: 'base64', preflightCommitment: 'confirmed' }])));
  const wallMs = performance.now() - started;
  t.diagnostic(`${TRANSFERS} concurrent sendTransaction (preflight on): ${wallMs.toFixed(0)} ms wall`);

  const signatures = results.map((r, i) => {
    assert.equal(r.error, undefined, `transfer ${i}: ${JSON.stringify(r.error)}`);
    return r.result;
  });
  assert.equal(new Set(signatures).size, TRANSFERS);
  for (let i = 0; i < TRANSFERS; i += 256) {
    const { value: statuses } = await server.result('getSignatureStatuses', [signatures.slice(i, i + 256)]);
    statuses.forEach((s, j) => {
      assert.ok(s, `status of transfer ${i + j}`);
      assert.equal(s.err, null);
      assert.equal(s.confirmationStatus, 'finalized');
    });
  }
  for (let r = 0; r < RECIPIENTS; r++) {
    const bal = await server.result('getTokenAccountBalance', [atas[r].toBase58()]);
    assert.equal(bal.value.amount, expected[r].toString(), `recipient ${r}`);
  }
  const total = (BigInt(TRANSFERS) * BigInt(TRANSFERS + 1)) / 2n;
  const tokensAfter = BigInt((await server.result('getTokenAccountBalance', [treasuryAta.toBase58()])).value.amount);
  assert.equal(tokensBefore - tokensAfter, total);
  const lamportsAfter = (await server.result('getBalance', [treasury.publicKey.toBase58()])).value;
  assert.equal(lamportsBefore - lamportsAfter, TRANSFERS * 5000);
  const history = await server.result('getSignaturesForAddress', [treasuryAta.toBase58(), { limit: 1000 }]);
  assert.equal(history.filter((h) => signatures.includes(h.signature)).length, TRANSFERS);
  assert.equal(bs58.decode(signatures[0]).length, 64);
});
