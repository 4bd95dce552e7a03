// Test-only methods, all prefixed rigshare_. Each takes named params as an object, either as the
// params value itself or as its first element ({"n":3} or [{"n":3}]); rigshare_warpSlots and
// rigshare_dropNextTransactions also take [n].
import { b58encode } from '../encoding.js';
import { invalidParams } from '../errors.js';
import { MAX_PROCESSING_AGE } from '../chain.js';
import { pubkey, u64, usize } from './params.js';

function named(params, firstName) {
  if (params === undefined || params === null) return {};
  if (Array.isArray(params)) {
    if (params.length === 0) return {};
    if (params[0] !== null && typeof params[0] === 'object' && !Array.isArray(params[0])) return params[0];
    return firstName ? { [firstName]: params[0] } : {};
  }
  if (typeof params === 'object') return params;
  throw invalidParams('Invalid params: expected an object');
}

function chainState(node) {
  const { hash } = node.chain.latest;
  return {
    slot: node.chain.slot,
    blockHeight: node.chain.blockHeight,
    blockhash: hash,
    lastValidBlockHeight: node.chain.lastValidBlockHeight(hash),
  };
}

export function rigshareMethods(info) {
  return {
    rigshare_info: () => info(),
    rigshare_expireBlockhash: (node) => {
      node.advance(MAX_PROCESSING_AGE + 1);
      return chainState(node);
    },
    rigshare_warpSlots: (node, params) => {
      const { n = 1 } = named(params, 'n');
      const count = usize(n, 'a slot count');
      if (count < 1 || count > 100_000_000) throw invalidParams('Invalid params: n must be 1..100000000');
      node.advance(count);
      return chainState(node);
    },
    rigshare_dropNextTransactions: (node, params) => {
      const { n = 1 } = named(params, 'n');
      node.dropNext = usize(n, 'a transaction count');
      return { pending: node.dropNext };
    },
    rigshare_faucet: (node, params) => {
      const { owner, amount, lamports = 0 } = named(params, 'owner');
      pubkey(owner);
      const tokens = u64(amount ?? 0, 'a token amount in base units');
      const { signature, ata } = node.faucet(owner, tokens, u64(lamports, 'lamports'));
      return { signature, tokenAccount: b58encode(ata), mint: node.token.mint, amount: tokens.toString() };
    },
    rigshare_setTokenBalance: (node, params) => {
      const { owner, account, amount } = named(params, 'owner');
      const value = u64(amount, 'a token amount in base units');
      let target = account;
      if (target === undefined) {
        pubkey(owner);
        target = b58encode(node.faucet(owner, 0n).ata);
      }
      pubkey(target);
      node.setTokenBalance(target, value);
      return { tokenAccount: target, amount: value.toString() };
    },
  };
}
