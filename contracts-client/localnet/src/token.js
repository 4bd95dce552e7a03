// SPL Token / Token-2022 account layouts and Agave's UiTokenAmount and jsonParsed shapes.
import { b58encode, readU64 } from './encoding.js';
import { TOKEN, TOKEN_2022, TOKEN_PROGRAMS, MINT_SIZE, TOKEN_ACCOUNT_SIZE } from './programs.js';

const ACCOUNT_TYPE_MINT = 1;
const ACCOUNT_TYPE_ACCOUNT = 2;

/** 'mint' | 'account' | null for data owned by a token program. */
export function tokenKind(owner, data) {
  if (!TOKEN_PROGRAMS.has(owner)) return null;
  if (data.length === MINT_SIZE) return 'mint';
  if (data.length === TOKEN_ACCOUNT_SIZE) return 'account';
  if (owner === TOKEN_2022.address && data.length > TOKEN_ACCOUNT_SIZE) {
    if (data[TOKEN_ACCOUNT_SIZE] === ACCOUNT_TYPE_MINT) return 'mint';
    if (data[TOKEN_ACCOUNT_SIZE] === ACCOUNT_TYPE_ACCOUNT) return 'account';
  }
  return null;
}

function coptionKey(data, offset) {
  return data.readUInt32LE(offset) === 1 ? b58encode(data.subarray(offset + 4, offset + 36)) : null;
}

export function parseTokenAccount(bytes) {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const state = data[108];
  const isNative = data.readUInt32LE(109) === 1;
  return {
    mint: b58encode(data.subarray(0, 32)),
    owner: b58encode(data.subarray(32, 64)),
    amount: readU64(data, 64),
    delegate: coptionKey(data, 72),
    state: state === 2 ? 'frozen' : state === 1 ? 'initialized' : 'uninitialized',
    isNative,
    rentExemptReserve: isNative ? readU64(data, 113) : null,
    delegatedAmount: readU64(data, 121),
    closeAuthority: coptionKey(data, 129),
  };
}

export function parseMint(bytes) {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    mintAuthority: coptionKey(data, 0),
    supply: readU64(data, 36),
    decimals: data[44],
    isInitialized: data[45] === 1,
    freezeAuthority: coptionKey(data, 46),
  };
}

/** Agave's real_number_string_trimmed. */
export function uiAmountString(amount, decimals) {
  if (decimals === 0) return amount.toString();
  const s = amount.toString().padStart(decimals + 1, '0');
  const withPoint = `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}`;
  return withPoint.replace(/0+$/, '').replace(/\.$/, '');
}

/** UiTokenAmount. zeroAsNull mirrors transaction-status meta, where a zero uiAmount reads back as null. */
export function uiTokenAmount(amount, decimals, zeroAsNull = false) {
  const ui = Number(amount) / 10 ** decimals;
  return {
    amount: amount.toString(),
    decimals,
    uiAmount: zeroAsNull && amount === 0n ? null : ui,
    uiAmountString: uiAmountString(amount, decimals),
  };
}

/** jsonParsed `data` for a token account or mint; null when not parseable (callers fall back to base64). */
export function parsedTokenData(owner, data, mintDecimals) {
  const kind = tokenKind(owner, data);
  const program = owner === TOKEN.address ? 'spl-token' : 'spl-token-2022';
  if (kind === 'mint') {
    const m = parseMint(data);
    if (!m.isInitialized) return null;
    const info = {
      decimals: m.decimals,
      freezeAuthority: m.freezeAuthority,
      isInitialized: true,
      mintAuthority: m.mintAuthority,
      supply: m.supply.toString(),
    };
    return { parsed: { info, type: 'mint' }, program, space: data.length };
  }
  if (kind === 'account') {
    const a = parseTokenAccount(data);
    if (a.state === 'uninitialized') return null;
    const decimals = mintDecimals(a.mint);
    if (decimals === null) return null;
    const info = { isNative: a.isNative, mint: a.mint, owner: a.owner, state: a.state, tokenAmount: uiTokenAmount(a.amount, decimals) };
    if (a.delegate) {
      info.delegate = a.delegate;
      info.delegatedAmount = uiTokenAmount(a.delegatedAmount, decimals);
    }
    if (a.rentExemptReserve !== null) info.rentExemptReserve = uiTokenAmount(a.rentExemptReserve, decimals);
    if (a.closeAuthority) info.closeAuthority = a.closeAuthority;
    return { parsed: { info, type: 'account' }, program, space: data.length };
  }
  return null;
}
