// WebSocket pub/sub: signatureSubscribe / slotSubscribe in Agave's notification shapes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import bs58 from 'bs58';
import { Keypair, SystemProgram, Transaction, LAMPORTS_PER_SOL } from '@solana/web3.js';
import { startServer } from './helpers.js';

let server;
before(async () => {
  server = await startServer({ args: ['--slot-ms', '100'] });
});
after(() => server.stop());

/** A small client: request/response by id, notifications queued by method. */
async function connect(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const pending = new Map();
  const notifications = [];
  const waiters = [];
  let nextId = 1;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.id !== undefined && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    } else {
      notifications.push(msg);
      for (const w of waiters.splice(0)) w();
    }
  });
  return {
    ws,
    request(method, params = []) {
      const id = nextId++;
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      return new Promise((resolve) => pending.set(id, resolve));
    },
    async next(method, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = notifications.findIndex((n) => n.method === method);
        if (i >= 0) return notifications.splice(i, 1)[0];
        if (Date.now() > deadline) throw new Error(`no ${method} within ${timeoutMs} ms`);
        await new Promise((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    pendingCount: (method) => notifications.filter((n) => n.method === method).length,
    close: () => ws.close(),
  };
}

async function signedTransfer(lamports = LAMPORTS_PER_SOL) {
  const payer = server.treasury();
  const { value } = await server.result('getLatestBlockhash');
  const tx = new Transaction({ feePayer: payer.publicKey, blockhash: value.blockhash, lastValidBlockHeight: value.lastValidBlockHeight });
  tx.add(SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: Keypair.generate().publicKey, lamports }));
  tx.sign(payer);
  return { wire: tx.serialize().toString('base64'), signature: bs58.encode(tx.signature) };
}

test('signatureSubscribe notifies once, in Agave shape, then drops the subscription', async () => {
  const client = await connect(server.info.wsUrl);
  try {
    const { wire, signature } = await signedTransfer();
    const sub = await client.request('signatureSubscribe', [signature, { commitment: 'finalized' }]);
    assert.equal(typeof sub.result, 'number');
    assert.equal(await server.result('sendTransaction', [wire, { encoding: 'base64' }]), signature);
    const note = await client.next('signatureNotification');
    assert.equal(note.jsonrpc, '2.0');
    assert.equal(note.params.subscription, sub.result);
    assert.deepEqual(note.params.result.value, { err: null });
    const status = (await server.result('getSignatureStatuses', [[signature]])).value[0];
    assert.equal(note.params.result.context.slot, status.slot);
    const unsub = await client.request('signatureUnsubscribe', [sub.result]);
    assert.equal(unsub.error.code, -32602, 'already removed after notifying');
  } finally {
    client.close();
  }
});

test('a failed transaction notifies its error; a recent landed signature notifies at once', async () => {
  const client = await connect(server.info.wsUrl);
  try {
    const { wire, signature } = await signedTransfer(1); // 1 lamport to a new account: rent failure
    await server.result('sendTransaction', [wire, { encoding: 'base64', skipPreflight: true }]);
    const sub = await client.request('signatureSubscribe', [signature]);
    const note = await client.next('signatureNotification');
    assert.equal(note.params.subscription, sub.result);
    assert.deepEqual(note.params.result.value.err, { InsufficientFundsForRent: { account_index: 1 } });
  } finally {
    client.close();
  }
});

test('slotSubscribe streams slots; unsubscribe stops it', async () => {
  const client = await connect(server.info.wsUrl);
  try {
    const sub = await client.request('slotSubscribe');
    const a = await client.next('slotNotification');
    const b = await client.next('slotNotification');
    assert.equal(a.params.subscription, sub.result);
    assert.ok(b.params.result.slot > a.params.result.slot);
    assert.equal(b.params.result.parent, b.params.result.slot - 1);
    assert.equal(typeof b.params.result.root, 'number');
    assert.deepEqual((await client.request('slotUnsubscribe', [sub.result])).result, true);
    await new Promise((r) => setTimeout(r, 150));
    const count = client.pendingCount('slotNotification');
    await new Promise((r) => setTimeout(r, 350));
    assert.equal(client.pendingCount('slotNotification'), count);
    assert.equal((await client.request('logsSubscribe', ['all'])).error.code, -32601);
    assert.equal((await client.request('signatureSubscribe', [42])).error.code, -32602);
  } finally {
    client.close();
  }
});

test('the RPC port accepts WebSocket upgrades too', async () => {
  const client = await connect(server.info.rpcUrl.replace('http', 'ws'));
  try {
    const { wire, signature } = await signedTransfer();
    const sub = await client.request('signatureSubscribe', [signature]);
    await server.result('sendTransaction', [wire, { encoding: 'base64' }]);
    const note = await client.next('signatureNotification');
    assert.equal(note.params.subscription, sub.result);
  } finally {
    client.close();
  }
});

test('web3.js confirmTransaction works over the subscription', async () => {
  const { wire, signature } = await signedTransfer();
  const { value } = await server.result('getLatestBlockhash');
  const sent = await server.connection.sendRawTransaction(Buffer.from(wire, 'base64'));
  assert.equal(sent, signature);
  const res = await server.connection.confirmTransaction({ signature, blockhash: value.blockhash, lastValidBlockHeight: value.lastValidBlockHeight }, 'finalized');
  assert.equal(res.value.err, null);
});

test('accountSubscribe notifies on change; rootSubscribe streams roots', async () => {
  const client = await connect(server.info.wsUrl);
  try {
    const who = Keypair.generate().publicKey;
    const sub = await client.request('accountSubscribe', [who.toBase58(), { encoding: 'base64', commitment: 'confirmed' }]);
    assert.equal(typeof sub.result, 'number');
    await server.result('requestAirdrop', [who.toBase58(), 3 * LAMPORTS_PER_SOL]);
    const note = await client.next('accountNotification');
    assert.equal(note.params.subscription, sub.result);
    assert.equal(note.params.result.value.lamports, 3 * LAMPORTS_PER_SOL);
    assert.deepEqual(note.params.result.value.data, ['', 'base64']);
    assert.equal(typeof note.params.result.context.slot, 'number');
    assert.equal((await client.request('accountUnsubscribe', [sub.result])).result, true);
    assert.equal((await client.request('accountSubscribe', ['not-a-key'])).error.code, -32602);
    const root = await client.request('rootSubscribe');
    const r = await client.next('rootNotification');
    assert.equal(r.params.subscription, root.result);
    assert.equal(typeof r.params.result, 'number');
  } finally {
    client.close();
  }
});
