// Persistence in --data-dir. Files (all written temp file + fsync + rename, except the
// append-only history log):
//   config.json     mint, decimals, treasury and faucet addresses (written once, at first run)
//   treasury.json, faucet.json  keypairs, Solana CLI format, mode 0600
//   accounts.json   every non-program account any transaction touched, plus historyCount: the
//                   number of history.jsonl lines those account states include
//   chain.json      slot, block height, block time, the last 300 blockhashes, genesis hash
//   history.jsonl   one landed transaction per line (wire bytes, status meta, slot, blockTime)
// On load, history lines beyond accounts.json's historyCount (a crash between the two writes)
// are cut, so balances and history always agree.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './keys.js';
import { b58decode, b64encode, b64decode } from './encoding.js';
import { RUNTIME_OWNERS } from './programs.js';

export const FILES = ['config.json', 'treasury.json', 'faucet.json', 'accounts.json', 'chain.json', 'history.jsonl'];

export class Store {
  constructor(dir) {
    this.dir = dir;
    this.accounts = new Map(); // address -> [lamports string, data base64, owner, executable]
    this.historyCount = 0;
    this.chainDirtySlot = -1;
  }

  file(name) {
    return path.join(this.dir, name);
  }

  wipe() {
    for (const f of FILES) fs.rmSync(this.file(f), { force: true });
  }

  hasState() {
    return fs.existsSync(this.file('config.json')) && fs.existsSync(this.file('accounts.json'));
  }

  readConfig() {
    return JSON.parse(fs.readFileSync(this.file('config.json'), 'utf8'));
  }

  writeConfig(config) {
    writeFileAtomic(this.file('config.json'), JSON.stringify(config, null, 2) + '\n');
  }

  /** Restores accounts, chain and history into node; returns the number of history records. */
  load(node) {
    const saved = JSON.parse(fs.readFileSync(this.file('accounts.json'), 'utf8'));
    for (const [address, [lamports, data, owner, executable]] of Object.entries(saved.accounts)) {
      this.accounts.set(address, [lamports, data, owner, executable]);
      node.runtime.setAccount(address, { lamports: BigInt(lamports), data: b64decode(data), owner, executable });
    }
    this.historyCount = saved.historyCount;
    if (fs.existsSync(this.file('chain.json'))) {
      node.chain.restore(JSON.parse(fs.readFileSync(this.file('chain.json'), 'utf8')));
    } else {
      node.chain.init(saved.genesisHash);
    }
    const lines = fs.existsSync(this.file('history.jsonl')) ? fs.readFileSync(this.file('history.jsonl'), 'utf8').split('\n') : [];
    let kept = 0;
    let bytes = 0;
    for (const line of lines) {
      if (kept >= this.historyCount || !line) break;
      node.history.add(JSON.parse(line), true);
      kept += 1;
      bytes += Buffer.byteLength(line) + 1;
    }
    if (kept !== this.historyCount) throw new Error(`history.jsonl has ${kept} records, accounts.json expects ${this.historyCount}`);
    fs.truncateSync(this.file('history.jsonl'), bytes); // drops a torn or unaccounted tail, if any
    const last = node.history.records.at(-1);
    if (last && last.slot > node.chain.slot) node.chain.advance(last.slot - node.chain.slot);
    return kept;
  }

  /** Writes new history lines, changed accounts and the chain. Returns true if anything was written. */
  flush(node, { force = false } = {}) {
    const records = node.history.takePending();
    const dirty = node.dirty;
    node.dirty = new Set();
    let wrote = false;
    if (records.length) {
      const fd = fs.openSync(this.file('history.jsonl'), 'a', 0o644);
      try {
        fs.writeSync(fd, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      this.historyCount += records.length;
    }
    if (records.length || dirty.size || force) {
      for (const address of dirty) {
        const acct = node.runtime.getAccountLight(b58decode(address));
        if (!acct || acct.lamports === 0n) {
          this.accounts.delete(address);
        } else if (!acct.executable && !RUNTIME_OWNERS.has(acct.owner)) {
          const full = node.runtime.getAccount(address);
          this.accounts.set(address, [full.lamports.toString(), b64encode(full.data), full.owner, full.executable]);
        }
      }
      const body = { version: 1, historyCount: this.historyCount, genesisHash: node.chain.genesisHash, accounts: Object.fromEntries(this.accounts) };
      writeFileAtomic(this.file('accounts.json'), JSON.stringify(body));
      wrote = true;
    }
    if (wrote || force || node.chain.slot !== this.chainDirtySlot) {
      writeFileAtomic(this.file('chain.json'), JSON.stringify(node.chain.toJson()));
      this.chainDirtySlot = node.chain.slot;
      wrote = true;
    }
    return wrote;
  }
}
