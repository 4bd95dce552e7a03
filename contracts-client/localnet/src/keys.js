// Ed25519 keypairs (Solana CLI file format), signing, and program-derived addresses,
// on Node's own crypto so the server needs no JavaScript Solana SDK.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { b58encode, b58decode } from './encoding.js';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export class Keypair {
  constructor(seed) {
    this.seed = Uint8Array.from(seed);
    this.privateKey = crypto.createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(this.seed)]),
      format: 'der',
      type: 'pkcs8',
    });
    const spki = crypto.createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' });
    this.publicKey = new Uint8Array(spki.subarray(spki.length - 32));
    this.address = b58encode(this.publicKey);
  }

  static generate() {
    return new Keypair(crypto.randomBytes(32));
  }

  sign(message) {
    return new Uint8Array(crypto.sign(null, Buffer.from(message), this.privateKey));
  }

  /** Solana CLI format: JSON array of 64 numbers, the 32-byte seed then the 32-byte public key. */
  toJson() {
    return JSON.stringify([...this.seed, ...this.publicKey]);
  }

  static readFile(file) {
    const arr = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!Array.isArray(arr) || arr.length !== 64) throw new Error(`${file}: not a 64-byte keypair file`);
    const kp = new Keypair(Uint8Array.from(arr.slice(0, 32)));
    if (b58encode(Uint8Array.from(arr.slice(32))) !== kp.address) {
      throw new Error(`${file}: public key does not match the secret seed`);
    }
    return kp;
  }

  writeFile(file) {
    writeFileAtomic(file, this.toJson(), 0o600);
  }
}

/** temp file + fsync + rename, so a crash never leaves a half-written file behind. */
export function writeFileAtomic(file, data, mode = 0o644) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

// Curve25519 field arithmetic, just enough to tell whether 32 bytes decompress to a point
// (curve25519-dalek's CompressedEdwardsY::decompress().is_some(), which Solana uses).
const P = (1n << 255n) - 19n;
const D = (((-121665n * modInverse(121666n)) % P) + P) % P;

function modPow(base, exp) {
  let result = 1n;
  let b = base % P;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

function modInverse(a) {
  return modPow(((a % P) + P) % P, P - 2n);
}

export function isOnCurve(bytes) {
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? bytes[i] & 0x7f : bytes[i]);
  y %= P;
  const y2 = (y * y) % P;
  const u = (y2 - 1n + P) % P;
  const v = (D * y2 + 1n) % P;
  const x2 = (u * modInverse(v)) % P;
  if (x2 === 0n) return true;
  return modPow(x2, (P - 1n) / 2n) === 1n;
}

export function findProgramAddress(seeds, programId) {
  for (let bump = 255; bump >= 0; bump--) {
    const hash = crypto.createHash('sha256');
    for (const s of seeds) hash.update(s);
    hash.update(Uint8Array.of(bump));
    hash.update(programId);
    hash.update('ProgramDerivedAddress');
    const candidate = new Uint8Array(hash.digest());
    if (!isOnCurve(candidate)) return [candidate, bump];
  }
  throw new Error('no viable bump seed');
}

export function pubkeyBytes(address) {
  return address instanceof Uint8Array ? address : b58decode(address);
}
