// Program ids, the instructions the server builds itself, and Agave's fee formula.
import { b58decode, u32le, u64le, concat, readU64 } from './encoding.js';

const id = (s) => ({ address: s, bytes: b58decode(s) });

export const SYSTEM = id('11111111111111111111111111111111');
export const TOKEN = id('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
export const TOKEN_2022 = id('TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb');
export const ATA = id('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL');
export const MEMO = id('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');
export const MEMO_V1 = id('Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo');
export const COMPUTE_BUDGET = id('ComputeBudget111111111111111111111111111111');
export const ADDRESS_LOOKUP_TABLE = id('AddressLookupTab1e1111111111111111111111111');
export const ED25519_PRECOMPILE = id('Ed25519SigVerify111111111111111111111111111');
export const SECP256K1_PRECOMPILE = id('KeccakSecp256k11111111111111111111111111111');
export const SECP256R1_PRECOMPILE = id('Secp256r1SigVerify1111111111111111111111111');

export const TOKEN_PROGRAMS = new Set([TOKEN.address, TOKEN_2022.address]);
export const MEMO_PROGRAMS = new Set([MEMO.address, MEMO_V1.address]);

/** Owners whose accounts are programs or sysvars: loaded by litesvm itself, never persisted. */
export const RUNTIME_OWNERS = new Set([
  'Sysvar1111111111111111111111111111111111111',
  'NativeLoader1111111111111111111111111111111',
  'BPFLoader1111111111111111111111111111111111',
  'BPFLoader2111111111111111111111111111111111',
  'BPFLoaderUpgradeab1e11111111111111111111111',
  'LoaderV411111111111111111111111111111111111',
]);

/** Builtins get 3,000 default compute units per instruction instead of 200,000. */
const BUILTINS = new Set([
  SYSTEM.address,
  COMPUTE_BUDGET.address,
  ADDRESS_LOOKUP_TABLE.address,
  'Vote111111111111111111111111111111111111111',
  'Stake11111111111111111111111111111111111111',
  'Config1111111111111111111111111111111111111',
  'BPFLoader1111111111111111111111111111111111',
  'BPFLoader2111111111111111111111111111111111',
  'BPFLoaderUpgradeab1e11111111111111111111111',
  'LoaderV411111111111111111111111111111111111',
]);

export const LAMPORTS_PER_SIGNATURE = 5000n;
export const MINT_SIZE = 82;
export const TOKEN_ACCOUNT_SIZE = 165;

const meta = (pubkey, isSigner, isWritable) => ({ pubkey, isSigner, isWritable });

export function systemTransfer(from, to, lamports) {
  return { programId: SYSTEM.bytes, keys: [meta(from, true, true), meta(to, false, true)], data: concat([u32le(2), u64le(lamports)]) };
}

export function systemCreateAccount(from, newAccount, lamports, space, owner) {
  return {
    programId: SYSTEM.bytes,
    keys: [meta(from, true, true), meta(newAccount, true, true)],
    data: concat([u32le(0), u64le(lamports), u64le(space), owner]),
  };
}

export function initializeMint2(mint, decimals, mintAuthority) {
  return { programId: TOKEN.bytes, keys: [meta(mint, false, true)], data: concat([Uint8Array.of(20, decimals), mintAuthority, Uint8Array.of(0)]) };
}

export function mintToChecked(mint, destination, authority, amount, decimals) {
  return {
    programId: TOKEN.bytes,
    keys: [meta(mint, false, true), meta(destination, false, true), meta(authority, true, false)],
    data: concat([Uint8Array.of(14), u64le(amount), Uint8Array.of(decimals)]),
  };
}

export function createAtaIdempotent(payer, ata, owner, mint, tokenProgram = TOKEN.bytes) {
  return {
    programId: ATA.bytes,
    keys: [meta(payer, true, true), meta(ata, false, true), meta(owner, false, false), meta(mint, false, false), meta(SYSTEM.bytes, false, false), meta(tokenProgram, false, false)],
    data: Uint8Array.of(1),
  };
}

export function setComputeUnitLimit(units) {
  return { programId: COMPUTE_BUDGET.bytes, keys: [], data: concat([Uint8Array.of(2), u32le(units)]) };
}

/**
 * Agave's fee: 5,000 lamports per signature (transaction and precompile signatures) plus the
 * prioritization fee ceil(compute unit price in micro-lamports * compute unit limit / 1e6).
 * programIds: base58 program id per top-level instruction.
 */
export function computeFee(numSignatures, instructions, programIds) {
  let signatures = BigInt(numSignatures);
  let unitLimit = null;
  let unitPrice = 0n;
  let defaultUnits = 0n;
  instructions.forEach((ix, i) => {
    const pid = programIds[i];
    if (pid === ED25519_PRECOMPILE.address || pid === SECP256K1_PRECOMPILE.address || pid === SECP256R1_PRECOMPILE.address) {
      signatures += BigInt(ix.data[0] ?? 0);
    }
    if (pid === COMPUTE_BUDGET.address) {
      if (ix.data[0] === 2 && ix.data.length >= 5) unitLimit = BigInt(Buffer.from(ix.data).readUInt32LE(1));
      if (ix.data[0] === 3 && ix.data.length >= 9) unitPrice = readU64(ix.data, 1);
    } else {
      defaultUnits += BUILTINS.has(pid) ? 3000n : 200000n;
    }
  });
  let limit = unitLimit ?? defaultUnits;
  if (limit > 1400000n) limit = 1400000n;
  const priority = (unitPrice * limit + 999999n) / 1000000n;
  return signatures * LAMPORTS_PER_SIGNATURE + priority;
}
