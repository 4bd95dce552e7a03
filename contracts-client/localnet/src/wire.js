// Solana transaction wire format: parsing (legacy and v0), sanitizing like Agave's
// SanitizedTransaction::try_create, and building + signing the few legacy transactions the
// server itself sends (faucet, airdrop, first-run setup).
import { b58encode, concat, shortvec } from './encoding.js';

export const PACKET_DATA_SIZE = 1232;
export const TX_TYPE = 'solana_transaction::versioned::VersionedTransaction';

export class WireError extends Error {}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.pos = 0;
  }
  need(n) {
    if (this.pos + n > this.bytes.length) throw new WireError('io error: unexpected end of file');
  }
  u8() {
    this.need(1);
    return this.bytes[this.pos++];
  }
  take(n) {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  shortvec() {
    let value = 0;
    for (let i = 0; i < 3; i++) {
      const b = this.u8();
      value |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) === 0) {
        if (i > 0 && b === 0) throw new WireError('invalid value: alias encoding, expected a ShortU16');
        return value;
      }
    }
    throw new WireError('invalid value: overflow, expected a ShortU16');
  }
}

/** Parses wire bytes into a plain object; throws WireError with bincode-like messages. */
export function parseTransaction(bytes) {
  const r = new Reader(bytes);
  const sigCount = r.shortvec();
  const signatures = [];
  for (let i = 0; i < sigCount; i++) signatures.push(r.take(64));
  const messageStart = r.pos;
  let version = 'legacy';
  const first = r.bytes[r.pos];
  if (first !== undefined && first & 0x80) {
    r.pos++;
    version = first & 0x7f;
    if (version !== 0) {
      throw new WireError(`invalid value: integer \`${version}\`, expected a valid transaction message version`);
    }
  }
  const header = {
    numRequiredSignatures: r.u8(),
    numReadonlySignedAccounts: r.u8(),
    numReadonlyUnsignedAccounts: r.u8(),
  };
  const keyCount = r.shortvec();
  const staticKeys = [];
  for (let i = 0; i < keyCount; i++) staticKeys.push(r.take(32));
  const recentBlockhashOffset = r.pos;
  const recentBlockhash = r.take(32);
  const ixCount = r.shortvec();
  const instructions = [];
  for (let i = 0; i < ixCount; i++) {
    const programIdIndex = r.u8();
    const accounts = Array.from(r.take(r.shortvec()));
    const data = r.take(r.shortvec());
    instructions.push({ programIdIndex, accounts, data });
  }
  const lookups = [];
  if (version === 0) {
    const n = r.shortvec();
    for (let i = 0; i < n; i++) {
      const accountKey = r.take(32);
      const writableIndexes = Array.from(r.take(r.shortvec()));
      const readonlyIndexes = Array.from(r.take(r.shortvec()));
      lookups.push({ accountKey, writableIndexes, readonlyIndexes });
    }
  }
  const messageBytes = r.bytes.subarray(messageStart, r.pos);
  return {
    signatures,
    signature: signatures.length ? b58encode(signatures[0]) : null,
    version,
    header,
    staticKeys,
    staticAddresses: staticKeys.map(b58encode),
    recentBlockhash: b58encode(recentBlockhash),
    recentBlockhashOffset,
    instructions,
    lookups,
    messageBytes,
    wireBytes: bytes.subarray(0, r.pos),
  };
}

/** Parses a bare message (as getFeeForMessage receives it); signatures are left empty. */
export function parseMessage(bytes) {
  const tx = parseTransaction(concat([Uint8Array.of(0), bytes]));
  tx.wireBytes = null;
  return tx;
}

/**
 * Returns null when the transaction is well formed, else Agave's TransactionError name
 * (SanitizeFailure or AccountLoadedTwice) that RPC reports as "invalid transaction: ...".
 */
export function sanitizeError(tx) {
  const { header, staticKeys, instructions, lookups, signatures } = tx;
  const nStatic = staticKeys.length;
  const nLookup = lookups.reduce((s, l) => s + l.writableIndexes.length + l.readonlyIndexes.length, 0);
  const total = nStatic + nLookup;
  if (signatures.length !== header.numRequiredSignatures) return 'SanitizeFailure';
  if (signatures.length > nStatic) return 'SanitizeFailure';
  if (header.numReadonlySignedAccounts >= header.numRequiredSignatures) return 'SanitizeFailure';
  if (header.numRequiredSignatures + header.numReadonlyUnsignedAccounts > nStatic) return 'SanitizeFailure';
  if (total > 256) return 'SanitizeFailure';
  for (const l of lookups) {
    if (l.writableIndexes.length + l.readonlyIndexes.length === 0) return 'SanitizeFailure';
  }
  for (const ix of instructions) {
    if (ix.programIdIndex === 0 || ix.programIdIndex >= nStatic) return 'SanitizeFailure';
    for (const a of ix.accounts) if (a >= total) return 'SanitizeFailure';
  }
  const seen = new Set(tx.staticAddresses);
  if (seen.size !== nStatic) return 'AccountLoadedTwice';
  return null;
}

/** Writability of static key i per the header (before Agave's demotion of programs and reserved keys). */
export function isStaticWritable(tx, i) {
  const { numRequiredSignatures, numReadonlySignedAccounts, numReadonlyUnsignedAccounts } = tx.header;
  if (i < numRequiredSignatures) return i < numRequiredSignatures - numReadonlySignedAccounts;
  return i < tx.staticKeys.length - numReadonlyUnsignedAccounts;
}

/** Compiles a legacy message. instructions: [{programId, keys:[{pubkey, isSigner, isWritable}], data}] (bytes). */
export function compileLegacyMessage(payer, instructions, recentBlockhash) {
  const metas = new Map();
  const add = (pubkey, isSigner, isWritable) => {
    const k = b58encode(pubkey);
    const m = metas.get(k);
    if (m) {
      m.isSigner ||= isSigner;
      m.isWritable ||= isWritable;
    } else metas.set(k, { pubkey, isSigner, isWritable });
  };
  add(payer, true, true);
  for (const ix of instructions) {
    for (const key of ix.keys) add(key.pubkey, key.isSigner, key.isWritable);
    add(ix.programId, false, false);
  }
  const all = [...metas.entries()];
  const rank = ([, m]) => (m.isSigner ? 0 : 2) + (m.isWritable ? 0 : 1);
  const payerKey = b58encode(payer);
  const ordered = [all.find(([k]) => k === payerKey), ...all.filter(([k]) => k !== payerKey).sort((a, b) => rank(a) - rank(b))];
  const index = new Map(ordered.map(([k], i) => [k, i]));
  const numSigners = ordered.filter(([, m]) => m.isSigner).length;
  const roSigned = ordered.filter(([, m]) => m.isSigner && !m.isWritable).length;
  const roUnsigned = ordered.filter(([, m]) => !m.isSigner && !m.isWritable).length;
  const parts = [Uint8Array.of(numSigners, roSigned, roUnsigned), shortvec(ordered.length)];
  for (const [, m] of ordered) parts.push(m.pubkey);
  parts.push(recentBlockhash, shortvec(instructions.length));
  for (const ix of instructions) {
    parts.push(Uint8Array.of(index.get(b58encode(ix.programId))), shortvec(ix.keys.length));
    parts.push(Uint8Array.from(ix.keys.map((k) => index.get(b58encode(k.pubkey)))));
    parts.push(shortvec(ix.data.length), ix.data);
  }
  return { message: concat(parts), signerKeys: ordered.slice(0, numSigners).map(([k]) => k) };
}

/** Signs a compiled message with the given keypairs (matched by address) and returns wire bytes. */
export function signMessage(compiled, keypairs) {
  const byAddress = new Map(keypairs.map((kp) => [kp.address, kp]));
  const sigs = compiled.signerKeys.map((k) => {
    const kp = byAddress.get(k);
    if (!kp) throw new Error(`missing signer ${k}`);
    return kp.sign(compiled.message);
  });
  return concat([shortvec(sigs.length), ...sigs, compiled.message]);
}
