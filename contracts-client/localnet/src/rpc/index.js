// JSON-RPC 2.0 dispatch: single requests, batches, notifications, Agave's error objects.
import { stringify } from '../encoding.js';
import { RpcError, PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INTERNAL_ERROR } from '../errors.js';
import { accountMethods } from './accounts.js';
import { transactionMethods } from './transactions.js';
import { chainMethods } from './chain.js';
import { rigshareMethods } from './rigshare.js';

export class RpcHandler {
  constructor(node, info, log = () => {}) {
    this.node = node;
    this.log = log;
    this.methods = { ...chainMethods, ...accountMethods, ...transactionMethods, ...rigshareMethods(info) };
  }

  /** Handles one parsed request object; returns a response object, or null for a notification. */
  call(req) {
    if (req === null || typeof req !== 'object' || Array.isArray(req) || typeof req.method !== 'string') {
      return error(null, new RpcError(INVALID_REQUEST, 'Invalid request'));
    }
    const hasId = Object.prototype.hasOwnProperty.call(req, 'id');
    const id = hasId ? req.id : null;
    const method = Object.prototype.hasOwnProperty.call(this.methods, req.method) ? this.methods[req.method] : null;
    let response;
    if (!method) response = error(id, new RpcError(METHOD_NOT_FOUND, 'Method not found'));
    else {
      try {
        response = { jsonrpc: '2.0', result: method(this.node, req.params), id };
      } catch (e) {
        if (!(e instanceof RpcError)) this.log(`internal error in ${req.method}: ${e.stack ?? e}`);
        response = error(id, e instanceof RpcError ? e : new RpcError(INTERNAL_ERROR, 'Internal error'));
      }
    }
    return hasId ? response : null;
  }

  /** Handles a raw body; returns the response text, or null when there is nothing to send. */
  handleText(text) {
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return stringify(error(null, new RpcError(PARSE_ERROR, 'Parse error')));
    }
    if (Array.isArray(body)) {
      if (body.length === 0) return stringify(error(null, new RpcError(INVALID_REQUEST, 'Invalid request')));
      const out = body.map((r) => this.call(r)).filter((r) => r !== null);
      return out.length ? stringify(out) : null;
    }
    const r = this.call(body);
    return r === null ? null : stringify(r);
  }
}

function error(id, e) {
  return { jsonrpc: '2.0', error: e.toJson(), id };
}
