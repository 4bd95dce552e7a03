// Landed transactions: by signature, in landing order, and per address (every account key of a
// transaction, loaded lookup-table addresses included). Records are plain JSON so they persist as is.

export class History {
  constructor() {
    this.records = []; // landing order; record.seq === index
    this.bySignature = new Map();
    this.byAddress = new Map(); // address -> ascending seq numbers
    this.pending = []; // records not yet written to disk
  }

  /** Adds a record: { signature, slot, blockTime, keys: [address], err, memo, ... }. */
  add(record, persisted = false) {
    record.seq = this.records.length;
    this.records.push(record);
    this.bySignature.set(record.signature, record);
    for (const address of new Set(record.keys)) {
      let list = this.byAddress.get(address);
      if (!list) this.byAddress.set(address, (list = []));
      list.push(record.seq);
    }
    if (!persisted) this.pending.push(record);
    return record;
  }

  get(signature) {
    return this.bySignature.get(signature) ?? null;
  }

  takePending() {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Agave's getSignaturesForAddress walk: newest first, `before`/`until` exclusive. */
  signaturesFor(address, { before = null, until = null, limit = 1000 } = {}) {
    const list = this.byAddress.get(address) ?? [];
    let end = list.length; // exclusive
    if (before !== null) {
      const b = this.bySignature.get(before);
      if (!b) return [];
      end = lowerBound(list, b.seq);
    }
    let start = 0;
    if (until !== null) {
      const u = this.bySignature.get(until);
      if (u) start = lowerBound(list, u.seq + 1);
    }
    const out = [];
    for (let i = end - 1; i >= start && out.length < limit; i--) out.push(this.records[list[i]]);
    return out;
  }
}

function lowerBound(list, value) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
