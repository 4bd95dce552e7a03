// Slots, block heights and the blockhash validity window. Every slot produces a block here, so
// block height and slot move together (Agave skips slots; we never do).
import crypto from 'node:crypto';
import { b58encode, b58decode } from './encoding.js';

export const MAX_PROCESSING_AGE = 150; // blocks a blockhash stays valid for (Agave's MAX_PROCESSING_AGE)
export const STATUS_CACHE_SLOTS = 300; // slots a signature stays in Agave's status cache
const KEPT_BLOCKHASHES = 300;

export class Chain {
  constructor(clock = () => Date.now()) {
    this.now = clock;
    this.slot = 0;
    this.blockHeight = 0;
    this.blockTime = Math.floor(this.now() / 1000);
    this.blockhashes = new Map(); // hash -> { height, slot }
    this.order = []; // hashes, oldest first
    this.latest = null;
    this.genesisHash = null;
  }

  init(genesisHash) {
    this.genesisHash = genesisHash;
    this.#push(b58encode(crypto.createHash('sha256').update(b58decode(genesisHash)).digest()));
  }

  restore(saved) {
    this.genesisHash = saved.genesisHash;
    this.slot = saved.slot;
    this.blockHeight = saved.blockHeight;
    this.blockTime = saved.blockTime ?? Math.floor(this.now() / 1000);
    for (const [hash, height, slot] of saved.blockhashes) this.#remember(hash, height, slot);
    if (!this.latest) this.init(this.genesisHash);
  }

  toJson() {
    return {
      genesisHash: this.genesisHash,
      slot: this.slot,
      blockHeight: this.blockHeight,
      blockTime: this.blockTime,
      blockhashes: this.order.map((h) => [h, this.blockhashes.get(h).height, this.blockhashes.get(h).slot]),
    };
  }

  /** Produces n blocks; returns the new slot. Only the last KEPT_BLOCKHASHES get real hashes kept. */
  advance(n = 1) {
    const skipTo = Math.max(0, n - KEPT_BLOCKHASHES);
    this.slot += skipTo;
    this.blockHeight += skipTo;
    for (let i = skipTo; i < n; i++) {
      this.slot += 1;
      this.blockHeight += 1;
      const next = crypto.createHash('sha256').update(b58decode(this.latest.hash)).update(String(this.slot)).digest();
      this.#push(b58encode(next));
    }
    this.blockTime = Math.floor(this.now() / 1000);
    return this.slot;
  }

  #push(hash) {
    this.#remember(hash, this.blockHeight, this.slot);
  }

  #remember(hash, height, slot) {
    this.blockhashes.set(hash, { height, slot });
    this.order.push(hash);
    this.latest = { hash, height, slot };
    while (this.order.length > KEPT_BLOCKHASHES) this.blockhashes.delete(this.order.shift());
  }

  /** lastValidBlockHeight of a known blockhash, or null. */
  lastValidBlockHeight(hash) {
    const entry = this.blockhashes.get(hash);
    return entry ? entry.height + MAX_PROCESSING_AGE : null;
  }

  isBlockhashValid(hash) {
    const last = this.lastValidBlockHeight(hash);
    return last !== null && this.blockHeight <= last;
  }

  /** Pushes every outstanding blockhash out of the validity window. */
  expireAll() {
    return this.advance(MAX_PROCESSING_AGE + 1);
  }
}
