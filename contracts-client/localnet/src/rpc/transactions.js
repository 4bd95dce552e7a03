// Sending, simulating and looking up transactions.
import { b58decode, b64decode } from '../encoding.js';
import { RpcError, invalidParams, txErrorText, TRANSACTION_SIGNATURE_VERIFICATION_FAILURE } from '../errors.js';
import { parseTransaction, parseMessage, sanitizeError, WireError, PACKET_DATA_SIZE, TX_TYPE } from '../wire.js';
import { computeFee } from '../programs.js';
import { encodeConfirmedTransaction } from '../txjson.js';
import { encodeAccount } from './accounts.js';
import { positional, optionalConfig, requiredString, pubkey, signature, u64, usize, context, withContext } from './params.js';

const MAX_BASE58_SIZE = 1683;
const MAX_BASE64_SIZE = 1644;
const MSG_TYPE = 'solana_message::versioned::VersionedMessage';

/** Agave's decode_and_deserialize: size limits, decoding and parsing, each with its own message. */
function decodeWire(data, encoding, typeName = TX_TYPE) {
  requiredString(data);
  let bytes;
  if (encoding === 'base58') {
    if (data.length > MAX_BASE58_SIZE) {
      throw invalidParams(`base58 encoded ${typeName} too large: ${data.length} bytes (max: encoded/raw ${MAX_BASE58_SIZE}/${PACKET_DATA_SIZE})`);
    }
    try {
      bytes = b58decode(data);
    } catch (e) {
      throw invalidParams(`invalid base58 encoding: ${e.message}`);
    }
  } else {
    if (data.length > MAX_BASE64_SIZE) {
      throw invalidParams(`base64 encoded ${typeName} too large: ${data.length} bytes (max: encoded/raw ${MAX_BASE64_SIZE}/${PACKET_DATA_SIZE})`);
    }
    try {
      bytes = b64decode(data);
    } catch (e) {
      throw invalidParams(`invalid base64 encoding: ${e.message}`);
    }
  }
  if (bytes.length > PACKET_DATA_SIZE) {
    throw invalidParams(`decoded ${typeName} too large: ${bytes.length} bytes (max: ${PACKET_DATA_SIZE} bytes)`);
  }
  return bytes;
}

function parseWire(bytes, parse = parseTransaction, typeName = TX_TYPE) {
  try {
    return parse(bytes);
  } catch (e) {
    if (e instanceof WireError) throw invalidParams(`failed to deserialize ${typeName}: ${e.message}`);
    throw e;
  }
}

function binaryEncoding(config) {
  const enc = config.encoding ?? 'base58';
  if (enc === 'base58' || enc === 'base64') return enc;
  if (enc === 'json' || enc === 'jsonParsed' || enc === 'binary') {
    if (enc === 'binary') return 'base58';
    throw invalidParams(`unsupported encoding: ${enc}. Supported encodings: base58, base64`);
  }
  throw invalidParams(`Invalid params: unknown variant \`${enc}\`, expected one of \`binary\`, \`base64\`, \`base58\`, \`json\`, \`jsonParsed\``);
}

function sendTransaction(node, params) {
  const [data, cfg] = positional(params);
  const config = optionalConfig(cfg);
  const encoding = binaryEncoding(config);
  const tx = parseWire(decodeWire(data, encoding));
  context(node, { minContextSlot: config.minContextSlot, commitment: config.preflightCommitment });
  return node.sendTransaction(tx, { skipPreflight: config.skipPreflight === true });
}

function simulateTransaction(node, params) {
  const [data, cfg] = positional(params);
  const config = optionalConfig(cfg);
  const encoding = binaryEncoding(config);
  const tx = parseWire(decodeWire(data, encoding));
  const sigVerify = config.sigVerify === true;
  const replace = config.replaceRecentBlockhash === true;
  if (sigVerify && replace) throw invalidParams('sigVerify may not be used with replaceRecentBlockhash');
  const bad = sanitizeError(tx);
  if (bad) throw invalidParams(`invalid transaction: ${txErrorText(bad)}`);
  if (sigVerify && !node.runtime.verifySignatures(tx)) throw new RpcError(TRANSACTION_SIGNATURE_VERIFICATION_FAILURE, 'Transaction signature verification failure');
  const ctx = context(node, config);
  const { postAccounts, keys, ...value } = node.simulate(tx, { replaceRecentBlockhash: replace });
  if (config.accounts) {
    const addresses = config.accounts.addresses;
    if (!Array.isArray(addresses)) throw invalidParams('Invalid params: accounts.addresses must be an array');
    if (addresses.length > tx.staticKeys.length + tx.lookups.length * 256) {
      throw invalidParams(`Too many accounts provided; max ${tx.staticKeys.length}`);
    }
    const enc = config.accounts.encoding ?? 'base64';
    if (enc === 'binary' || enc === 'base58') throw invalidParams('base58 encoding not supported');
    value.accounts = addresses.map((a) => {
      pubkey(a);
      if (value.err) return null;
      const acct = postAccounts?.get(a) ?? (keys?.includes(a) ? node.runtime.getAccount(a) : null);
      return encodeAccount(node, acct, enc === 'jsonParsed' ? 'jsonParsed' : 'base64');
    });
  }
  return { context: ctx, value };
}

function statusJson(r) {
  return { confirmationStatus: 'finalized', confirmations: null, err: r.err, slot: r.slot, status: r.err === null ? { Ok: null } : { Err: r.err } };
}

function getSignatureStatuses(node, params) {
  const [sigs, cfg] = positional(params);
  if (!Array.isArray(sigs)) throw invalidParams('Invalid params: invalid type, expected a sequence');
  if (sigs.length > 256) throw invalidParams('Too many inputs provided; max 256');
  sigs.forEach(signature);
  const config = optionalConfig(cfg);
  const search = config.searchTransactionHistory === true;
  return withContext(node, {}, sigs.map((s) => {
    const r = node.signatureStatus(s, search);
    return r ? statusJson(r) : null;
  }));
}

function getTransaction(node, params) {
  const [sig, cfg] = positional(params);
  signature(sig);
  const config = typeof cfg === 'string' ? { encoding: cfg } : optionalConfig(cfg);
  if (config.commitment === 'processed') throw invalidParams('Method does not support commitment below `confirmed`');
  context(node, { commitment: config.commitment });
  const record = node.history.get(sig);
  if (!record) return null;
  const max = config.maxSupportedTransactionVersion;
  if (max !== undefined && max !== null) usize(max, 'u8');
  return encodeConfirmedTransaction(record, config.encoding ?? 'json', max);
}

function getSignaturesForAddress(node, params) {
  const [address, cfg] = positional(params);
  pubkey(address);
  const config = optionalConfig(cfg);
  if (config.commitment === 'processed') throw invalidParams('Method does not support commitment below `confirmed`');
  context(node, config);
  const limit = config.limit === undefined || config.limit === null ? 1000 : usize(config.limit);
  if (limit === 0 || limit > 1000) throw invalidParams('Invalid limit; max 1000');
  const before = config.before ? signature(config.before) : null;
  const until = config.until ? signature(config.until) : null;
  return node.history.signaturesFor(address, { before, until, limit }).map((r) => ({
    blockTime: r.blockTime,
    confirmationStatus: 'finalized',
    err: r.err,
    memo: r.memo,
    signature: r.signature,
    slot: r.slot,
  }));
}

function requestAirdrop(node, params) {
  const [address, lamports, cfg] = positional(params);
  pubkey(address);
  context(node, optionalConfig(cfg));
  const amount = u64(lamports);
  if (amount === 0n) throw invalidParams('Invalid params: lamports must be greater than zero');
  return node.requestAirdrop(address, amount);
}

function getFeeForMessage(node, params) {
  const [data, cfg] = positional(params);
  const config = optionalConfig(cfg);
  const msg = parseWire(decodeWire(data, 'base64', MSG_TYPE), parseMessage, MSG_TYPE);
  const ctx = context(node, config);
  if (!node.chain.isBlockhashValid(msg.recentBlockhash)) return { context: ctx, value: null };
  const programIds = msg.instructions.map((ix) => msg.staticAddresses[ix.programIdIndex]);
  return { context: ctx, value: computeFee(msg.header.numRequiredSignatures, msg.instructions, programIds) };
}

export const transactionMethods = {
  sendTransaction,
  simulateTransaction,
  getSignatureStatuses,
  getTransaction,
  getSignaturesForAddress,
  requestAirdrop,
  getFeeForMessage,
};
