// Rejections with Agave's codes and texts, lost transactions, and a server that keeps serving
// through malformed input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import bs58 from 'bs58';
import { Keypair, SystemProgram, Transaction, TransactionMessage, VersionedTransaction, LAMPORTS_PER_SOL } from '@solana/web3.js';
import { startServer } from './helpers.js';

let server;
let payer;

before(async () => {
  server = await startServer({ args: ['--slot-ms', '0'] });
  payer = server.treasury();
});
after(() => server.stop());

async function transfer(lamports, { to = Keypair.generate().publicKey, from = payer } = {}) {
  const { value } = await server.result('getLatestBlockhash');
  const tx = new Transaction({ feePayer: from.publicKey, blockhash: value.blockhash, lastValidBlockHeight: value.lastValidBlockHeight });
  tx.add(SystemProgram.transfer({ fromPubkey: from.publicKey, toPubkey: to, lamports }));
  tx.sign(from);
  return { tx, to, wire: tx.serialize(), signature: bs58.encode(tx.signature), lastValidBlockHeight: value.lastValidBlockHeight };
}

const send = (wire, config = {}) => server.call('sendTransaction', [Buffer.from(wire).toString('base64'), { encoding: 'base64', ...config }]);
const status = async (sig) => (await server.result('getSignatureStatuses', [[sig], { searchTransactionHistory: true }])).value[0];
const balance = async (pk) => (await server.result('getBalance', [pk.toBase58()])).value;

test('a bad signature is rejected with Agave text, and silently lost with skipPreflight', async () => {
  const { wire, signature, to } = await transfer(LAMPORTS_PER_SOL);
  const forged = Buffer.from(wire);
  forged[10] ^= 0xff; // inside the first signature
  const r = await send(forged);
  assert.equal(r.error.code, -32002);
  assert.equal(r.error.message, 'Transaction simulation failed: Transaction did not pass signature verification');
  assert.equal(r.error.data.err, 'SignatureFailure');
  assert.deepEqual(r.error.data.logs, []);

  const skipped = await send(forged, { skipPreflight: true });
  assert.equal(typeof skipped.result, 'string', 'skipPreflight returns a signature, as a real RPC node does');
  assert.equal(await status(skipped.result), null);
  assert.equal(await balance(to), 0);

  const ok = await send(wire);
  assert.equal(ok.result, signature);
  assert.equal(await balance(to), LAMPORTS_PER_SOL);
});

test('an expired blockhash is rejected with "Blockhash not found"', async () => {
  const { wire, lastValidBlockHeight, tx } = await transfer(LAMPORTS_PER_SOL);
  assert.equal((await server.result('isBlockhashValid', [tx.recentBlockhash])).value, true);
  const expired = await server.result('rigshare_expireBlockhash');
  assert.ok(expired.blockHeight > lastValidBlockHeight, 'block height is past the old lastValidBlockHeight');
  assert.notEqual(expired.blockhash, tx.recentBlockhash);
  assert.equal((await server.result('isBlockhashValid', [tx.recentBlockhash])).value, false);
  assert.ok((await server.result('getBlockHeight')) > lastValidBlockHeight);

  const r = await send(wire);
  assert.equal(r.error.code, -32002);
  assert.equal(r.error.message, 'Transaction simulation failed: Blockhash not found');
  assert.equal(r.error.data.err, 'BlockhashNotFound');
  const sim = await server.result('simulateTransaction', [Buffer.from(wire).toString('base64'), { encoding: 'base64' }]);
  assert.equal(sim.value.err, 'BlockhashNotFound');
  const replaced = await server.result('simulateTransaction', [Buffer.from(wire).toString('base64'), { encoding: 'base64', replaceRecentBlockhash: true }]);
  assert.equal(replaced.value.err, null);
  assert.equal(replaced.value.replacementBlockhash.blockhash, expired.blockhash);
  assert.equal(replaced.value.replacementBlockhash.lastValidBlockHeight, expired.blockHeight + 150);
});

test('blockhashes stay valid for exactly 150 blocks', async () => {
  const first = await transfer(LAMPORTS_PER_SOL); // both signed against the same blockhash
  const second = await transfer(LAMPORTS_PER_SOL);
  assert.equal(first.tx.recentBlockhash, second.tx.recentBlockhash);
  assert.equal(first.lastValidBlockHeight, (await server.result('getBlockHeight')) + 150);
  await server.result('rigshare_warpSlots', { n: 150 });
  assert.equal(await server.result('getBlockHeight'), first.lastValidBlockHeight);
  assert.equal((await send(first.wire)).result, first.signature, 'still valid at lastValidBlockHeight');
  await server.result('rigshare_warpSlots', [1]);
  assert.equal((await send(second.wire)).error?.message, 'Transaction simulation failed: Blockhash not found');
  assert.equal(await balance(second.to), 0);
});

test('a duplicate is AlreadyProcessed with preflight, and a no-op without', async () => {
  const { wire, signature, to } = await transfer(LAMPORTS_PER_SOL);
  assert.equal((await send(wire)).result, signature);
  const payerAfterFirst = await balance(payer.publicKey);
  const again = await send(wire);
  assert.equal(again.error.code, -32002);
  assert.equal(again.error.message, 'Transaction simulation failed: This transaction has already been processed');
  assert.equal(again.error.data.err, 'AlreadyProcessed');
  assert.equal((await send(wire, { skipPreflight: true })).result, signature);
  assert.equal(await balance(to), LAMPORTS_PER_SOL, 'credited once');
  assert.equal(await balance(payer.publicKey), payerAfterFirst, 'debited once');
  const b58 = await server.call('sendTransaction', [bs58.encode(wire)]);
  assert.equal(b58.error.message, 'Transaction simulation failed: This transaction has already been processed');
});

test('rigshare_dropNextTransactions loses sends without landing them', async () => {
  assert.deepEqual(await server.result('rigshare_dropNextTransactions', { n: 1 }), { pending: 1 });
  const lost = await transfer(LAMPORTS_PER_SOL);
  assert.equal((await send(lost.wire)).result, lost.signature);
  assert.equal(await status(lost.signature), null);
  assert.equal(await server.result('getTransaction', [lost.signature]), null);
  assert.equal(await balance(lost.to), 0);
  const next = await transfer(LAMPORTS_PER_SOL);
  assert.equal((await send(next.wire)).result, next.signature);
  assert.equal((await status(next.signature)).confirmationStatus, 'finalized');
  assert.equal((await send(lost.wire)).result, lost.signature, 'a lost transaction can be re-sent while its blockhash is valid');
  assert.equal(await balance(lost.to), LAMPORTS_PER_SOL);
});

test('insufficient funds for fee never lands', async () => {
  const poor = Keypair.generate();
  const { wire, signature } = await transfer(1, { from: poor });
  const r = await send(wire);
  assert.equal(r.error.code, -32002);
  assert.equal(r.error.message, 'Transaction simulation failed: Attempt to debit an account but found no record of a prior credit.');
  assert.equal((await send(wire, { skipPreflight: true })).result, signature);
  assert.equal(await status(signature), null);
});

test('v0 transactions need maxSupportedTransactionVersion in getTransaction', async () => {
  const { value } = await server.result('getLatestBlockhash');
  const to = Keypair.generate().publicKey;
  const message = new TransactionMessage({
    payerKey: payer.publicKey,
    recentBlockhash: value.blockhash,
    instructions: [SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: to, lamports: LAMPORTS_PER_SOL })],
  }).compileToV0Message();
  const vtx = new VersionedTransaction(message);
  vtx.sign([payer]);
  const sig = (await send(vtx.serialize())).result;
  assert.equal(sig, bs58.encode(vtx.signatures[0]));
  const r = await server.call('getTransaction', [sig]);
  assert.equal(r.error.code, -32015);
  assert.match(r.error.message, /^Transaction version \(0\) is not supported/);
  const t = await server.result('getTransaction', [sig, { maxSupportedTransactionVersion: 0 }]);
  assert.equal(t.version, 0);
  assert.deepEqual(t.transaction.message.addressTableLookups, []);
  assert.equal(await balance(to), LAMPORTS_PER_SOL);
});

test('malformed requests get JSON-RPC errors and the server keeps serving', async () => {
  const expectError = async (body, code, message) => {
    const { status: httpStatus, text } = await server.post(body);
    assert.equal(httpStatus, 200, body);
    const r = JSON.parse(text);
    assert.equal(r.error?.code, code, `${body} -> ${text}`);
    if (message) assert.equal(r.error.message, message);
  };
  await expectError('{bad', -32700, 'Parse error');
  await expectError('', -32700);
  await expectError('[]', -32600, 'Invalid request');
  await expectError('42', -32600);
  await expectError('{"jsonrpc":"2.0","id":1}', -32600);
  await expectError('{"jsonrpc":"2.0","id":1,"method":"noSuchMethod"}', -32601, 'Method not found');
  await expectError('{"jsonrpc":"2.0","id":1,"method":"constructor"}', -32601);
  await expectError('{"jsonrpc":"2.0","id":1,"method":"getBalance","params":{"a":1}}', -32602);
  await expectError('{"jsonrpc":"2.0","id":1,"method":"getBalance","params":[42]}', -32602);
  await expectError('{"jsonrpc":"2.0","id":1,"method":"getBalance","params":["0OIl"]}', -32602, 'Invalid param: Invalid');
  await expectError('{"jsonrpc":"2.0","id":1,"method":"getBalance","params":["abc"]}', -32602, 'Invalid param: WrongSize');
  await expectError('{"jsonrpc":"2.0","id":1,"method":"getBalance"}', -32602);
  await expectError('{"jsonrpc":"2.0","id":1,"method":"getTransaction","params":["xyz"]}', -32602);
  await expectError('{"jsonrpc":"2.0","id":1,"method":"getSignatureStatuses","params":["nope"]}', -32602);
  await expectError('{"jsonrpc":"2.0","id":1,"method":"getSignaturesForAddress","params":["11111111111111111111111111111111",{"limit":5000}]}', -32602, 'Invalid limit; max 1000');
  await expectError('{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["0OIl"]}', -32602, "invalid base58 encoding: InvalidCharacter { character: '0', index: 0 }");
  await expectError('{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["!!!!",{"encoding":"base64"}]}', -32602);
  await expectError('{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["AQID",{"encoding":"base64"}]}', -32602,
    'failed to deserialize solana_transaction::versioned::VersionedTransaction: io error: unexpected end of file');
  await expectError('{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["AQID",{"encoding":"json"}]}', -32602, 'unsupported encoding: json. Supported encodings: base58, base64');
  await expectError(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'sendTransaction', params: ['A'.repeat(1648), { encoding: 'base64' }] }), -32602,
    'base64 encoded solana_transaction::versioned::VersionedTransaction too large: 1648 bytes (max: encoded/raw 1644/1232)');
  const { wire } = await transfer(5);
  const truncated = Buffer.from(wire).subarray(0, wire.length - 7).toString('base64');
  await expectError(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'sendTransaction', params: [truncated, { encoding: 'base64' }] }), -32602,
    'failed to deserialize solana_transaction::versioned::VersionedTransaction: io error: unexpected end of file');
  const zeroSigs = Buffer.concat([Buffer.from([0]), Buffer.from(wire).subarray(65)]).toString('base64');
  await expectError(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'sendTransaction', params: [zeroSigs, { encoding: 'base64' }] }), -32602,
    'invalid transaction: Transaction failed to sanitize accounts offsets correctly');
  for (let i = 0; i < 200; i++) {
    const junk = Buffer.from(Array.from({ length: 1 + (i % 300) }, (_, j) => (i * 31 + j * 17) & 0xff)).toString('base64');
    const r = await server.call('sendTransaction', [junk, { encoding: 'base64', skipPreflight: i % 2 === 0 }]);
    assert.ok(r.error || typeof r.result === 'string', JSON.stringify(r));
  }

  const big = await server.post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getHealth', params: ['x'.repeat(1_100_000)] }));
  assert.equal(big.status, 413);

  const batch = JSON.parse((await server.post('[{"jsonrpc":"2.0","id":1,"method":"getSlot"},{"bad":true},{"jsonrpc":"2.0","id":3,"method":"nope"},{"jsonrpc":"2.0","method":"getSlot"}]')).text);
  assert.equal(batch.length, 3, 'the notification (no id) gets no response');
  assert.equal(typeof batch[0].result, 'number');
  assert.equal(batch[1].error.code, -32600);
  assert.equal(batch[2].error.code, -32601);
  assert.equal((await server.post('{"jsonrpc":"2.0","method":"getSlot"}')).text, '');

  const get = await fetch(server.info.rpcUrl + '/health');
  assert.equal(await get.text(), 'ok');
  assert.equal(await server.result('getHealth'), 'ok');
  const { wire: after, signature } = await transfer(LAMPORTS_PER_SOL);
  assert.equal((await send(after)).result, signature, 'still lands transactions');
  assert.equal(server.child.exitCode, null);
});

test('getSignatureStatuses forgets old signatures unless searchTransactionHistory is set', async () => {
  const { wire, signature } = await transfer(LAMPORTS_PER_SOL);
  await send(wire);
  assert.equal((await server.result('getSignatureStatuses', [[signature]])).value[0].confirmationStatus, 'finalized');
  await server.result('rigshare_warpSlots', { n: 301 });
  assert.equal((await server.result('getSignatureStatuses', [[signature]])).value[0], null, 'outside the 300-slot status cache');
  assert.equal((await status(signature)).confirmationStatus, 'finalized');
  assert.ok(await server.result('getTransaction', [signature]));
});
