// HTTP (JSON-RPC over POST, GET /health) and WebSocket pub/sub (signature and slot
// subscriptions, Agave's notification shapes). WebSocket upgrades are accepted on the RPC port
// and, when configured, on a separate port (Agave's rpc port + 1 convention).
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { stringify } from './encoding.js';
import { RpcError, INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR } from './errors.js';
import { encodeAccount, accountEncoding } from './rpc/accounts.js';
import { pubkey, optionalConfig } from './rpc/params.js';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Solana-Client',
  'Access-Control-Max-Age': '86400',
};
// A subscription to an already-landed signature is notified only if it landed this recently,
// as if the subscription had come in before the block reached its commitment.
const SIGNATURE_NOTIFY_WINDOW_SLOTS = 32;

export function createHttpServer(rpc, { maxBody, log }) {
  return http.createServer((req, res) => {
    try {
      serveHttp(rpc, req, res, maxBody);
    } catch (e) {
      log(`http error: ${e.stack ?? e}`);
      if (!res.headersSent) res.writeHead(500, CORS);
      res.end();
    }
  });
}

function serveHttp(rpc, req, res, maxBody) {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS).end();
    return;
  }
  if (req.method === 'GET') {
    const ok = req.url === '/health';
    res.writeHead(ok ? 200 : 405, { ...CORS, 'Content-Type': 'text/plain' }).end(ok ? 'ok' : 'Used HTTP Method is not allowed. POST or OPTIONS is required');
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { ...CORS, 'Content-Type': 'text/plain' }).end('Used HTTP Method is not allowed. POST or OPTIONS is required');
    return;
  }
  const chunks = [];
  let size = 0;
  let rejected = false;
  req.on('data', (chunk) => {
    if (rejected) return;
    size += chunk.length;
    if (size > maxBody) {
      rejected = true;
      const body = stringify({ jsonrpc: '2.0', error: { code: INVALID_REQUEST, message: `Request body too large (max ${maxBody} bytes)` }, id: null });
      res.writeHead(413, { ...CORS, 'Content-Type': 'application/json', Connection: 'close' });
      res.end(body, () => req.socket.destroy());
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => {});
  req.on('end', () => {
    if (rejected) return;
    const out = rpc.handleText(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' });
    res.end(out ?? '');
  });
}

export class PubSub {
  constructor(node, { maxBody, log }) {
    this.node = node;
    this.log = log;
    this.nextId = 0;
    this.signatureSubs = new Map(); // signature -> Map(id -> socket)
    this.slotSubs = new Map(); // id -> socket
    this.rootSubs = new Map(); // id -> socket
    this.accountSubs = new Map(); // address -> Map(id -> { ws, encoding, last })
    this.wss = new WebSocketServer({ noServer: true, maxPayload: maxBody });
    this.wss.on('connection', (ws) => this.#onConnection(ws));
    node.on('transaction', (record) => {
      if (this.accountSubs.size) this.#onAccounts(record.keys);
      this.#notifySignature(record);
    });
    node.on('slot', (info) => this.#onSlot(info));
    node.on('accounts', (addresses) => this.#onAccounts(addresses));
  }

  /** Accepts upgrades from an http.Server (the RPC server, or a dedicated WebSocket port). */
  attach(server) {
    server.on('upgrade', (req, socket, head) => {
      socket.on('error', () => {});
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    });
  }

  close() {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  #onConnection(ws) {
    ws.subs = new Map(); // id -> { kind, signature }
    ws.on('error', () => {});
    ws.on('message', (data) => {
      let reply;
      try {
        reply = this.#handle(ws, data.toString('utf8'));
      } catch (e) {
        this.log(`ws error: ${e.stack ?? e}`);
        return;
      }
      if (reply !== null) ws.send(reply);
    });
    ws.on('close', () => {
      for (const [id, sub] of ws.subs) this.#remove(id, sub);
    });
  }

  #handle(ws, text) {
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return stringify({ jsonrpc: '2.0', error: { code: PARSE_ERROR, message: 'Parse error' }, id: null });
    }
    if (Array.isArray(body)) {
      const out = body.map((r) => this.#call(ws, r)).filter(Boolean);
      return out.length ? stringify(out) : null;
    }
    const r = this.#call(ws, body);
    return r ? stringify(r) : null;
  }

  #call(ws, req) {
    if (req === null || typeof req !== 'object' || typeof req.method !== 'string') {
      return { jsonrpc: '2.0', error: { code: INVALID_REQUEST, message: 'Invalid request' }, id: null };
    }
    const id = req.id ?? null;
    try {
      const result = this.#dispatch(ws, req.method, Array.isArray(req.params) ? req.params : []);
      return { jsonrpc: '2.0', result, id };
    } catch (e) {
      const err = e instanceof RpcError ? e : new RpcError(INVALID_PARAMS, 'Invalid params');
      return { jsonrpc: '2.0', error: err.toJson(), id };
    }
  }

  #dispatch(ws, method, params) {
    switch (method) {
      case 'signatureSubscribe': {
        const sig = params[0];
        if (typeof sig !== 'string' || sig.length < 32 || sig.length > 88) throw new RpcError(INVALID_PARAMS, 'Invalid Request: Invalid signature provided');
        const id = this.#add(ws, { kind: 'signature', signature: sig });
        let subs = this.signatureSubs.get(sig);
        if (!subs) this.signatureSubs.set(sig, (subs = new Map()));
        subs.set(id, ws);
        const landed = this.node.history.get(sig);
        if (landed && landed.slot + SIGNATURE_NOTIFY_WINDOW_SLOTS >= this.node.chain.slot) {
          setImmediate(() => this.#notifySignature(landed));
        }
        return id;
      }
      case 'slotSubscribe': {
        const id = this.#add(ws, { kind: 'slot' });
        this.slotSubs.set(id, ws);
        return id;
      }
      case 'rootSubscribe': {
        const id = this.#add(ws, { kind: 'root' });
        this.rootSubs.set(id, ws);
        return id;
      }
      case 'accountSubscribe': {
        const address = pubkey(params[0]);
        const encoding = accountEncoding(optionalConfig(params[1]), 'binary');
        const id = this.#add(ws, { kind: 'account', address });
        let subs = this.accountSubs.get(address);
        if (!subs) this.accountSubs.set(address, (subs = new Map()));
        subs.set(id, { ws, encoding, last: this.#fingerprint(address) });
        return id;
      }
      case 'signatureUnsubscribe':
      case 'slotUnsubscribe':
      case 'rootUnsubscribe':
      case 'accountUnsubscribe': {
        const id = params[0];
        const sub = ws.subs.get(id);
        if (!Number.isInteger(id) || !sub || sub.kind !== method.replace('Unsubscribe', '')) {
          throw new RpcError(INVALID_PARAMS, 'Invalid subscription id.');
        }
        this.#remove(id, sub);
        ws.subs.delete(id);
        return true;
      }
      default:
        throw new RpcError(METHOD_NOT_FOUND, 'Method not found');
    }
  }

  #add(ws, sub) {
    const id = this.nextId++;
    ws.subs.set(id, sub);
    return id;
  }

  #remove(id, sub) {
    if (sub.kind === 'slot') this.slotSubs.delete(id);
    else if (sub.kind === 'root') this.rootSubs.delete(id);
    else if (sub.kind === 'account') {
      const subs = this.accountSubs.get(sub.address);
      subs?.delete(id);
      if (subs && subs.size === 0) this.accountSubs.delete(sub.address);
    } else {
      const subs = this.signatureSubs.get(sub.signature);
      subs?.delete(id);
      if (subs && subs.size === 0) this.signatureSubs.delete(sub.signature);
    }
  }

  #fingerprint(address) {
    const acct = this.node.runtime.getAccount(address);
    return acct ? `${acct.lamports}:${acct.owner}:${Buffer.from(acct.data).toString('base64')}` : 'none';
  }

  /** accountNotification for subscribed accounts whose state changed. */
  #onAccounts(addresses) {
    for (const address of new Set(addresses)) {
      const subs = this.accountSubs.get(address);
      if (!subs) continue;
      const now = this.#fingerprint(address);
      const acct = this.node.runtime.getAccount(address);
      const fallback = { lamports: 0n, owner: '11111111111111111111111111111111', executable: false, data: new Uint8Array(0) };
      for (const [id, sub] of subs) {
        if (sub.last === now) continue;
        sub.last = now;
        let value;
        try {
          value = encodeAccount(this.node, acct ?? fallback, sub.encoding, null, true);
        } catch {
          continue;
        }
        const msg = { jsonrpc: '2.0', method: 'accountNotification', params: { result: { context: { slot: this.node.chain.slot }, value }, subscription: id } };
        if (sub.ws.readyState === sub.ws.OPEN) sub.ws.send(stringify(msg));
      }
    }
  }

  #notifySignature(record) {
    const subs = this.signatureSubs.get(record.signature);
    if (!subs) return;
    this.signatureSubs.delete(record.signature);
    for (const [id, ws] of subs) {
      ws.subs.delete(id); // Agave removes a signature subscription once it has notified
      const msg = { jsonrpc: '2.0', method: 'signatureNotification', params: { result: { context: { slot: record.slot }, value: { err: record.err } }, subscription: id } };
      if (ws.readyState === ws.OPEN) ws.send(stringify(msg));
    }
  }

  #onSlot(info) {
    for (const [id, ws] of this.rootSubs) {
      if (ws.readyState === ws.OPEN) ws.send(stringify({ jsonrpc: '2.0', method: 'rootNotification', params: { result: info.root, subscription: id } }));
    }
    for (const [id, ws] of this.slotSubs) {
      const msg = { jsonrpc: '2.0', method: 'slotNotification', params: { result: info, subscription: id } };
      if (ws.readyState === ws.OPEN) ws.send(stringify(msg));
    }
  }
}
