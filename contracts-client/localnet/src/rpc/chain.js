// Cluster and slot queries.
import { invalidParams, RpcError } from '../errors.js';
import { b58decode } from '../encoding.js';
import { SLOTS_PER_EPOCH } from '../runtime.js';
import { positional, optionalConfig, requiredString, pubkey, usize, context, withContext, API_VERSION } from './params.js';

function hashParam(value) {
  requiredString(value);
  let bytes;
  try {
    bytes = b58decode(value);
  } catch {
    throw invalidParams('Invalid param: Invalid');
  }
  if (bytes.length !== 32) throw invalidParams('Invalid param: WrongSize');
  return value;
}

const configOnly = (params, index = 0) => optionalConfig(positional(params)[index]);

function epochInfo(node) {
  const slot = node.chain.slot;
  return {
    absoluteSlot: slot,
    blockHeight: node.chain.blockHeight,
    epoch: Math.floor(slot / SLOTS_PER_EPOCH),
    slotIndex: slot % SLOTS_PER_EPOCH,
    slotsInEpoch: SLOTS_PER_EPOCH,
    transactionCount: node.history.records.length,
  };
}

function blockTime(node, slot) {
  if (slot > node.chain.slot) throw new RpcError(-32004, `Block not available for slot ${slot}`);
  const records = node.history.records;
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (records[mid].slot < slot) lo = mid + 1;
    else hi = mid;
  }
  if (lo < records.length && records[lo].slot === slot) return records[lo].blockTime;
  return Math.max(0, node.chain.blockTime - Math.round(((node.chain.slot - slot) * node.slotMs) / 1000));
}

export const chainMethods = {
  getHealth: () => 'ok',
  getVersion: () => ({ 'solana-core': API_VERSION, 'feature-set': 0, litesvm: '1.4.1' }),
  getGenesisHash: (node) => node.chain.genesisHash,
  getIdentity: (node) => ({ identity: node.token.faucet.address }),
  getSlot: (node, params) => context(node, configOnly(params)).slot,
  getBlockHeight: (node, params) => {
    context(node, configOnly(params));
    return node.chain.blockHeight;
  },
  getTransactionCount: (node, params) => {
    context(node, configOnly(params));
    return node.history.records.length;
  },
  getFirstAvailableBlock: () => 0,
  getEpochInfo: (node, params) => {
    context(node, configOnly(params));
    return epochInfo(node);
  },
  getEpochSchedule: () => ({
    firstNormalEpoch: 0,
    firstNormalSlot: 0,
    leaderScheduleSlotOffset: SLOTS_PER_EPOCH,
    slotsPerEpoch: SLOTS_PER_EPOCH,
    warmup: false,
  }),
  getLatestBlockhash: (node, params) => {
    const { hash } = node.chain.latest;
    return withContext(node, configOnly(params), { blockhash: hash, lastValidBlockHeight: node.chain.lastValidBlockHeight(hash) });
  },
  isBlockhashValid: (node, params) => {
    const [hash, cfg] = positional(params);
    hashParam(hash);
    return withContext(node, optionalConfig(cfg), node.chain.isBlockhashValid(hash));
  },
  getRecentPrioritizationFees: (node, params) => {
    const [addresses] = positional(params);
    if (addresses !== undefined && addresses !== null) {
      if (!Array.isArray(addresses)) throw invalidParams('Invalid params: invalid type, expected a sequence');
      if (addresses.length > 128) throw invalidParams('Too many inputs provided; max 128');
      addresses.forEach(pubkey);
    }
    const out = [];
    for (let s = Math.max(0, node.chain.slot - 149); s <= node.chain.slot; s++) out.push({ prioritizationFee: 0, slot: s });
    return out;
  },
  getBlockTime: (node, params) => blockTime(node, usize(positional(params)[0], 'u64')),
};
