// Parameter checks with Agave's error texts, and the response context.
import { b58decode } from '../encoding.js';
import { RpcError, invalidParams, MIN_CONTEXT_SLOT_NOT_REACHED } from '../errors.js';

export const API_VERSION = '2.3.0';
export const U64_MAX = (1n << 64n) - 1n;

export function positional(params) {
  if (params === undefined || params === null) return [];
  if (!Array.isArray(params)) throw invalidParams('Invalid params: invalid type: map, expected a sequence');
  return params;
}

export function requiredString(value, what = 'a string') {
  if (value === undefined) throw invalidParams('Invalid params: invalid length 0, expected at least one parameter');
  if (typeof value !== 'string') throw invalidParams(`Invalid params: invalid type: ${typeName(value)}, expected ${what}`);
  return value;
}

export function optionalConfig(value) {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParams(`Invalid params: invalid type: ${typeName(value)}, expected struct config`);
  }
  return value;
}

export function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'sequence';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``;
  if (typeof v === 'string') return `string "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (typeof v === 'boolean') return `boolean \`${v}\``;
  return typeof v;
}

/** Agave's verify_pubkey: "Invalid param: WrongSize" / "Invalid param: Invalid". */
export function pubkey(value) {
  requiredString(value);
  if (value.length > 44) throw invalidParams('Invalid param: WrongSize');
  let bytes;
  try {
    bytes = b58decode(value);
  } catch {
    throw invalidParams('Invalid param: Invalid');
  }
  if (bytes.length !== 32) throw invalidParams('Invalid param: WrongSize');
  return value;
}

export function signature(value) {
  requiredString(value);
  if (value.length > 88) throw invalidParams('Invalid param: WrongSize');
  let bytes;
  try {
    bytes = b58decode(value);
  } catch {
    throw invalidParams('Invalid param: Invalid');
  }
  if (bytes.length !== 64) throw invalidParams('Invalid param: WrongSize');
  return value;
}

export function u64(value, what = 'u64') {
  let v = null;
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) v = BigInt(value);
  else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) v = BigInt(value);
  if (v === null) throw invalidParams(`Invalid params: invalid type: ${typeName(value)}, expected ${what}`);
  if (v > U64_MAX) throw invalidParams(`Invalid params: invalid value: integer \`${value}\`, expected ${what}`);
  return v;
}

export function usize(value, what = 'usize') {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw invalidParams(`Invalid params: invalid type: ${typeName(value)}, expected ${what}`);
}

export function checkCommitment(config) {
  const c = config.commitment;
  if (c !== undefined && c !== null && !['processed', 'confirmed', 'finalized', 'recent', 'single', 'singleGossip', 'root', 'max'].includes(c)) {
    throw invalidParams(`Invalid params: unknown variant \`${c}\`, expected one of \`processed\`, \`confirmed\`, \`finalized\``);
  }
}

/** Validates commitment and minContextSlot; returns Agave's response context. */
export function context(node, config = {}) {
  checkCommitment(config);
  if (config.minContextSlot !== undefined && config.minContextSlot !== null) {
    const min = usize(config.minContextSlot, 'u64');
    if (min > node.chain.slot) {
      throw new RpcError(MIN_CONTEXT_SLOT_NOT_REACHED, 'Minimum context slot has not been reached', { contextSlot: node.chain.slot });
    }
  }
  return { apiVersion: API_VERSION, slot: node.chain.slot };
}

export function withContext(node, config, value) {
  return { context: context(node, config), value };
}
