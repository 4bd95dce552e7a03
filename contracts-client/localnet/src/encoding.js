// Byte-level codecs shared by the whole server: base58, base64, short-vec, little-endian
// integers and a JSON writer that emits u64 values as plain numbers (as Agave does).

const B58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_MAP = new Int16Array(128).fill(-1);
for (let i = 0; i < B58_ALPHABET.length; i++) B58_MAP[B58_ALPHABET.charCodeAt(i)] = i;

export function b58encode(bytes) {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i];
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j] << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i--) out += B58_ALPHABET[digits[i]];
  return out;
}

/** Decodes base58; throws an Error whose message mimics the Rust bs58 crate's Debug output. */
export function b58decode(str) {
  if (typeof str !== 'string') throw new Error('InvalidCharacter { character: \'?\', index: 0 }');
  let zeros = 0;
  while (zeros < str.length && str[zeros] === '1') zeros++;
  const bytes = [];
  for (let i = zeros; i < str.length; i++) {
    const code = str.charCodeAt(i);
    const value = code < 128 ? B58_MAP[code] : -1;
    if (value < 0) throw new Error(`InvalidCharacter { character: '${str[i]}', index: ${i} }`);
    let carry = value;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j] * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i];
  return out;
}

/** Decodes a base58 string that must be exactly `len` bytes (a pubkey, hash or signature); null if not. */
export function b58decodeFixed(str, len) {
  if (typeof str !== 'string' || str.length === 0 || str.length > 90) return null;
  try {
    const bytes = b58decode(str);
    return bytes.length === len ? bytes : null;
  } catch {
    return null;
  }
}

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (standard alphabet, padded), like Rust's base64 STANDARD engine. */
export function b64decode(str) {
  if (typeof str !== 'string' || str.length % 4 !== 0 || !B64_RE.test(str)) {
    throw new Error('InvalidByte or InvalidLength');
  }
  return new Uint8Array(Buffer.from(str, 'base64'));
}

export function b64encode(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function readU64(bytes, offset) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readBigUInt64LE(offset);
}

export function u64le(value) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(value));
  return b;
}

export function u32le(value) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b;
}

export function shortvec(n) {
  const out = [];
  let rem = n;
  for (;;) {
    let elem = rem & 0x7f;
    rem >>= 7;
    if (rem === 0) {
      out.push(elem);
      return Uint8Array.from(out);
    }
    elem |= 0x80;
    out.push(elem);
  }
}

export function concat(parts) {
  return new Uint8Array(Buffer.concat(parts.map((p) => (p instanceof Buffer ? p : Buffer.from(p)))));
}

export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const BIG_OPEN = '\u0000BIG:';
const BIG_RE = /"\\u0000BIG:(-?\d+)"/g;

/** JSON.stringify that writes BigInt values as bare JSON numbers (u64 fields such as lamports). */
export function stringify(value) {
  let sawBig = false;
  const text = JSON.stringify(value, (_k, v) => {
    if (typeof v === 'bigint') {
      if (v >= -9007199254740991n && v <= 9007199254740991n) return Number(v);
      sawBig = true;
      return BIG_OPEN + v.toString();
    }
    return v;
  });
  return sawBig ? text.replace(BIG_RE, '$1') : text;
}
