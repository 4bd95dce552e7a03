// Account, balance and token queries.
import { b58encode, b58decode, b64encode } from '../encoding.js';
import { invalidParams, RpcError } from '../errors.js';
import { TOKEN_PROGRAMS } from '../programs.js';
import { tokenKind, parseTokenAccount, parseMint, uiTokenAmount, parsedTokenData } from '../token.js';
import { positional, optionalConfig, pubkey, usize, withContext, context, U64_MAX } from './params.js';

const ENCODINGS = ['binary', 'base58', 'base64', 'base64+zstd', 'jsonParsed'];

export function accountEncoding(config, fallback) {
  const enc = config.encoding ?? fallback;
  if (!ENCODINGS.includes(enc)) {
    throw invalidParams(`Invalid params: unknown variant \`${enc}\`, expected one of \`binary\`, \`base58\`, \`base64\`, \`jsonParsed\`, \`base64+zstd\``);
  }
  if (enc === 'base64+zstd') throw invalidParams('Invalid params: base64+zstd is not supported by this local node; use base64');
  return enc;
}

function dataSlice(config) {
  const s = config.dataSlice;
  if (s === undefined || s === null) return null;
  if (typeof s !== 'object') throw invalidParams('Invalid params: invalid type, expected struct UiDataSliceConfig');
  return { offset: usize(s.offset), length: usize(s.length) };
}

/** Agave's UiAccount. base58 over 128 bytes is refused on HTTP (as Agave does) unless unlimited. */
export function encodeAccount(node, acct, encoding, slice = null, unlimited = false) {
  if (!acct) return null;
  const base = { lamports: acct.lamports, owner: acct.owner, executable: acct.executable, rentEpoch: U64_MAX, space: acct.data.length };
  if (encoding === 'jsonParsed') {
    const parsed = parsedTokenData(acct.owner, acct.data, (mint) => node.runtime.mintDecimals(mint));
    if (parsed) return { data: parsed, ...base };
    encoding = 'base64';
  }
  const data = slice ? acct.data.subarray(slice.offset, slice.offset + slice.length) : acct.data;
  if (encoding === 'binary') {
    if (data.length > 128 && !unlimited) throw invalidParams('Encoded binary (base 58) data should be less than 128 bytes, please use Base64 encoding.');
    return { data: b58encode(data), ...base };
  }
  if (encoding === 'base58') {
    if (data.length > 128 && !unlimited) throw invalidParams('Encoded binary (base 58) data should be less than 128 bytes, please use Base64 encoding.');
    return { data: [b58encode(data), 'base58'], ...base };
  }
  return { data: [b64encode(data), 'base64'], ...base };
}

function getBalance(node, params) {
  const [address, cfg] = positional(params);
  const config = optionalConfig(cfg);
  pubkey(address);
  const acct = node.runtime.getAccountLight(b58decode(address));
  return withContext(node, config, acct ? acct.lamports : 0n);
}

function getAccountInfo(node, params) {
  const [address, cfg] = positional(params);
  pubkey(address);
  const config = optionalConfig(cfg);
  const encoding = accountEncoding(config, 'binary');
  const ctx = context(node, config);
  return { context: ctx, value: encodeAccount(node, node.runtime.getAccount(address), encoding, dataSlice(config)) };
}

function getMultipleAccounts(node, params) {
  const [addresses, cfg] = positional(params);
  if (!Array.isArray(addresses)) throw invalidParams('Invalid params: invalid type, expected a sequence');
  if (addresses.length > 100) throw invalidParams('Too many inputs provided; max 100');
  addresses.forEach(pubkey);
  const config = optionalConfig(cfg);
  const encoding = accountEncoding(config, 'base64');
  const slice = dataSlice(config);
  const ctx = context(node, config);
  return { context: ctx, value: addresses.map((a) => encodeAccount(node, node.runtime.getAccount(a), encoding, slice)) };
}

function matchesFilters(data, filters) {
  for (const f of filters) {
    if (f.dataSize !== undefined) {
      if (data.length !== f.dataSize) return false;
    } else if (f.memcmp) {
      const bytes = f.memcmp.encoding === 'base64' ? Buffer.from(f.memcmp.bytes, 'base64') : b58decode(f.memcmp.bytes);
      const off = f.memcmp.offset;
      if (off + bytes.length > data.length) return false;
      for (let i = 0; i < bytes.length; i++) if (data[off + i] !== bytes[i]) return false;
    } else if (f.tokenAccountState === undefined) {
      throw invalidParams('Invalid params: unknown filter');
    }
  }
  return true;
}

function getProgramAccounts(node, params) {
  const [program, cfg] = positional(params);
  pubkey(program);
  const config = optionalConfig(cfg);
  const encoding = accountEncoding(config, 'binary');
  const slice = dataSlice(config);
  const filters = config.filters ?? [];
  if (!Array.isArray(filters) || filters.length > 4) throw invalidParams('Too many filters provided; max 4');
  const ctx = context(node, config);
  let matched;
  try {
    matched = node.runtime.programAccounts(program).filter((a) => matchesFilters(a.data, filters));
  } catch (e) {
    if (e instanceof RpcError) throw e;
    throw invalidParams(`Invalid params: bad filter: ${e.message}`);
  }
  const value = matched.map((a) => ({ pubkey: a.pubkey, account: encodeAccount(node, a, encoding, slice) }));
  return config.withContext ? { context: ctx, value } : value;
}

function tokenAccount(node, address) {
  const acct = node.runtime.getAccount(address);
  if (!acct) throw invalidParams('Invalid param: could not find account');
  if (tokenKind(acct.owner, acct.data) !== 'account') throw invalidParams('Invalid param: not a Token account');
  return acct;
}

function getTokenAccountBalance(node, params) {
  const [address, cfg] = positional(params);
  pubkey(address);
  const config = optionalConfig(cfg);
  const t = parseTokenAccount(tokenAccount(node, address).data);
  const decimals = node.runtime.mintDecimals(t.mint);
  if (decimals === null) throw invalidParams('Invalid param: could not find mint');
  return withContext(node, config, uiTokenAmount(t.amount, decimals));
}

function getTokenSupply(node, params) {
  const [address, cfg] = positional(params);
  pubkey(address);
  const config = optionalConfig(cfg);
  const acct = node.runtime.getAccount(address);
  if (!acct) throw invalidParams('Invalid param: could not find account');
  if (tokenKind(acct.owner, acct.data) !== 'mint') throw invalidParams('Invalid param: not a Token mint');
  const m = parseMint(acct.data);
  return withContext(node, config, uiTokenAmount(m.supply, m.decimals));
}

function getTokenAccountsByOwner(node, params) {
  const [owner, filter, cfg] = positional(params);
  pubkey(owner);
  if (!filter || typeof filter !== 'object' || (filter.mint === undefined && filter.programId === undefined)) {
    throw invalidParams('Invalid params: expected a filter object with "mint" or "programId"');
  }
  const config = optionalConfig(cfg);
  const encoding = accountEncoding(config, 'binary');
  const slice = dataSlice(config);
  let programs;
  let mint = null;
  if (filter.mint !== undefined) {
    mint = pubkey(filter.mint);
    const m = node.runtime.getAccount(mint);
    if (!m) throw invalidParams('Invalid param: could not find mint');
    if (!TOKEN_PROGRAMS.has(m.owner)) throw invalidParams('Invalid param: not a Token mint');
    programs = [m.owner];
  } else {
    pubkey(filter.programId);
    if (!TOKEN_PROGRAMS.has(filter.programId)) throw invalidParams('Invalid param: unrecognized Token program id');
    programs = [filter.programId];
  }
  const ctx = context(node, config);
  const value = [];
  for (const program of programs) {
    for (const a of node.runtime.programAccounts(program)) {
      if (tokenKind(a.owner, a.data) !== 'account') continue;
      const t = parseTokenAccount(a.data);
      if (t.owner !== owner || (mint && t.mint !== mint)) continue;
      value.push({ pubkey: a.pubkey, account: encodeAccount(node, a, encoding, slice) });
    }
  }
  return { context: ctx, value };
}

function getMinimumBalanceForRentExemption(node, params) {
  const [len, cfg] = positional(params);
  context(node, optionalConfig(cfg));
  const size = usize(len ?? 0);
  if (size > 2 ** 40) throw invalidParams(`Invalid params: invalid value: integer \`${size}\`, expected a data length`);
  return node.runtime.minimumBalanceForRentExemption(size);
}

export const accountMethods = {
  getBalance,
  getAccountInfo,
  getMultipleAccounts,
  getProgramAccounts,
  getTokenAccountBalance,
  getTokenSupply,
  getTokenAccountsByOwner,
  getMinimumBalanceForRentExemption,
};
