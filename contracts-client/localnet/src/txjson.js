// getTransaction's EncodedConfirmedTransactionWithStatusMeta in json, jsonParsed, base64, base58.
import { b58encode, b58decode, b64decode, readU64 } from './encoding.js';
import { RpcError, invalidParams, UNSUPPORTED_TRANSACTION_VERSION } from './errors.js';
import { parseTransaction, isStaticWritable } from './wire.js';
import { SYSTEM, TOKEN, TOKEN_PROGRAMS, MEMO_PROGRAMS, ATA } from './programs.js';
import { uiTokenAmount } from './token.js';

export const TX_ENCODINGS = ['json', 'jsonParsed', 'base58', 'base64', 'binary'];

export function encodeConfirmedTransaction(record, encoding, maxSupportedTransactionVersion) {
  if (!TX_ENCODINGS.includes(encoding)) {
    throw invalidParams(`Invalid params: unknown variant \`${encoding}\`, expected one of \`binary\`, \`base64\`, \`base58\`, \`json\`, \`jsonParsed\``);
  }
  const tx = parseTransaction(b64decode(record.tx));
  if (tx.version !== 'legacy' && (maxSupportedTransactionVersion === undefined || maxSupportedTransactionVersion === null)) {
    throw new RpcError(
      UNSUPPORTED_TRANSACTION_VERSION,
      'Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": 0',
    );
  }
  const parsed = encoding === 'jsonParsed';
  const meta = {
    computeUnitsConsumed: record.unitsConsumed,
    err: record.err,
    fee: BigInt(record.fee),
    innerInstructions: parsed ? parsedInner(record) : record.innerInstructions,
    logMessages: record.logs,
    postBalances: record.postBalances.map(BigInt),
    postTokenBalances: record.postTokenBalances,
    preBalances: record.preBalances.map(BigInt),
    preTokenBalances: record.preTokenBalances,
    rewards: [],
    status: record.err === null ? { Ok: null } : { Err: record.err },
  };
  if (!parsed) meta.loadedAddresses = record.loaded ?? { readonly: [], writable: [] };
  if (record.returnData) meta.returnData = record.returnData;
  const out = { blockTime: record.blockTime, meta, slot: record.slot, transaction: null };
  if (encoding === 'base64') out.transaction = [record.tx, 'base64'];
  else if (encoding === 'base58' || encoding === 'binary') {
    const b58 = b58encode(tx.wireBytes);
    out.transaction = encoding === 'binary' ? b58 : [b58, 'base58'];
  } else out.transaction = parsed ? jsonParsedTransaction(tx, record) : jsonTransaction(tx);
  if (maxSupportedTransactionVersion !== undefined && maxSupportedTransactionVersion !== null) {
    out.version = tx.version;
  }
  return out;
}

function jsonTransaction(tx) {
  const message = {
    accountKeys: tx.staticAddresses,
    header: tx.header,
    instructions: tx.instructions.map((ix) => ({
      accounts: ix.accounts,
      data: b58encode(ix.data),
      programIdIndex: ix.programIdIndex,
      stackHeight: null,
    })),
    recentBlockhash: tx.recentBlockhash,
  };
  if (tx.version !== 'legacy') message.addressTableLookups = lookupsJson(tx);
  return { message, signatures: tx.signatures.map(b58encode) };
}

function lookupsJson(tx) {
  return tx.lookups.map((l) => ({ accountKey: b58encode(l.accountKey), readonlyIndexes: l.readonlyIndexes, writableIndexes: l.writableIndexes }));
}

function jsonParsedTransaction(tx, record) {
  const keys = record.keys;
  const nStatic = tx.staticKeys.length;
  const loadedWritable = record.loaded?.writable?.length ?? 0;
  const invoked = new Set(tx.instructions.map((ix) => ix.programIdIndex));
  const accountKeys = keys.map((pubkey, i) => ({
    pubkey,
    signer: i < tx.header.numRequiredSignatures,
    source: i < nStatic ? 'transaction' : 'lookupTable',
    writable: (i < nStatic ? isStaticWritable(tx, i) : i < nStatic + loadedWritable) && !invoked.has(i),
  }));
  const message = {
    accountKeys,
    instructions: tx.instructions.map((ix) => parseInstruction(keys[ix.programIdIndex], ix.accounts.map((a) => keys[a]), ix.data, null)),
    recentBlockhash: tx.recentBlockhash,
  };
  if (tx.version !== 'legacy') message.addressTableLookups = lookupsJson(tx);
  return { message, signatures: tx.signatures.map(b58encode) };
}

function parsedInner(record) {
  return record.innerInstructions.map(({ index, instructions }) => ({
    index,
    instructions: instructions.map((ix) =>
      parseInstruction(record.keys[ix.programIdIndex], ix.accounts.map((a) => record.keys[a]), b58decode(ix.data), ix.stackHeight),
    ),
  }));
}

/** UiParsedInstruction for System, SPL Token, Associated Token Account and Memo; else partially decoded. */
export function parseInstruction(programId, accounts, data, stackHeight) {
  const parsed = tryParse(programId, accounts, Buffer.from(data));
  if (parsed) return { ...parsed, programId, stackHeight };
  return { accounts, data: b58encode(data), programId, stackHeight };
}

function tryParse(programId, a, d) {
  try {
    if (MEMO_PROGRAMS.has(programId)) return { parsed: new TextDecoder('utf-8', { fatal: true }).decode(d), program: 'spl-memo' };
    if (programId === SYSTEM.address) return parseSystem(a, d);
    if (TOKEN_PROGRAMS.has(programId)) return parseToken(a, d, programName(programId));
    if (programId === ATA.address) {
      const type = d.length === 0 || d[0] === 0 ? 'create' : d[0] === 1 ? 'createIdempotent' : null;
      if (!type) return null;
      const info = { account: a[1], mint: a[3], source: a[0], systemProgram: a[4], tokenProgram: a[5], wallet: a[2] };
      return { parsed: { info, type }, program: 'spl-associated-token-account' };
    }
  } catch {
    return null;
  }
  return null;
}

const programName = (id) => (id === TOKEN.address ? 'spl-token' : 'spl-token-2022');

function parseSystem(a, d) {
  const kind = d.readUInt32LE(0);
  if (kind === 2) return { parsed: { info: { destination: a[1], lamports: readU64(d, 4), source: a[0] }, type: 'transfer' }, program: 'system' };
  if (kind === 0) {
    const info = { lamports: readU64(d, 4), newAccount: a[1], owner: b58encode(d.subarray(20, 52)), source: a[0], space: readU64(d, 12) };
    return { parsed: { info, type: 'createAccount' }, program: 'system' };
  }
  return null;
}

function parseToken(a, d, program) {
  const tag = d[0];
  let type;
  let info;
  switch (tag) {
    case 3:
      type = 'transfer';
      info = { amount: readU64(d, 1).toString(), authority: a[2], destination: a[1], source: a[0] };
      break;
    case 7:
      type = 'mintTo';
      info = { account: a[1], amount: readU64(d, 1).toString(), mint: a[0], mintAuthority: a[2] };
      break;
    case 12:
      type = 'transferChecked';
      info = { authority: a[3], destination: a[2], mint: a[1], source: a[0], tokenAmount: uiTokenAmount(readU64(d, 1), d[9]) };
      break;
    case 14:
      type = 'mintToChecked';
      info = { account: a[1], mint: a[0], mintAuthority: a[2], tokenAmount: uiTokenAmount(readU64(d, 1), d[9]) };
      break;
    case 20:
      type = 'initializeMint2';
      info = { decimals: d[1], mint: a[0], mintAuthority: b58encode(d.subarray(2, 34)) };
      break;
    default:
      return null;
  }
  return { parsed: { info, type }, program };
}
