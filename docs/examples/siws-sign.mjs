#!/usr/bin/env node
// Signs a message with a Solana CLI keypair file (64-number JSON array) and prints the base58 signature.
// Usage: node siws-sign.mjs KEYPAIR.json "MESSAGE"     (prints the signature)
//        node siws-sign.mjs KEYPAIR.json --address     (prints the public key)
// Uses Node's built-in ed25519; no packages needed.
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58(bytes) {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

const [file, message] = process.argv.slice(2);
if (!file || message === undefined) {
  console.error('usage: node siws-sign.mjs KEYPAIR.json "MESSAGE" | --address');
  process.exit(2);
}
const bytes = Uint8Array.from(JSON.parse(readFileSync(file, 'utf8')));
if (bytes.length !== 64) throw new Error('a Solana keypair file holds 64 numbers');
if (message === '--address') {
  console.log(base58(bytes.subarray(32)));
} else {
  // PKCS#8 wrapping of a raw ed25519 seed (RFC 8410).
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), bytes.subarray(0, 32)]);
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  console.log(base58(sign(null, Buffer.from(message, 'utf8'), key)));
}
