// The SVM itself (litesvm's native binding, fed raw wire bytes) plus what the RPC layer needs
// around it: account reads, signature checks, lookup-table resolution, token balance snapshots.
import crypto from 'node:crypto';
import { LiteSvm, Account, Clock, EpochSchedule, FailedTransactionMetadata } from 'litesvm/dist/internal.js';
import { b58encode, b58decode, b64encode } from './encoding.js';
import { txErrorJson } from './errors.js';
import { ADDRESS_LOOKUP_TABLE, TOKEN_PROGRAMS, computeFee } from './programs.js';
import { tokenKind, parseTokenAccount, parseMint, uiTokenAmount } from './token.js';

export const SLOTS_PER_EPOCH = 432000;
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const LOOKUP_TABLE_META_SIZE = 56;

export class Runtime {
  constructor() {
    const svm = new LiteSvm();
    // Signatures and blockhash age are checked by the server (it owns the 150-block window);
    // duplicates are caught against the server's own persisted history.
    svm.setSigverify(false);
    svm.setBlockhashCheck(false);
    svm.setTransactionHistory(0n);
    svm.setEpochSchedule(new EpochSchedule(BigInt(SLOTS_PER_EPOCH), BigInt(SLOTS_PER_EPOCH), false, 0n, 0n));
    this.svm = svm;
    this.keyCache = new Map();
    this.decimalsCache = new Map();
  }

  setClock(slot, unixTimestamp) {
    const epoch = BigInt(Math.floor(slot / SLOTS_PER_EPOCH));
    this.svm.setClock(new Clock(BigInt(slot), BigInt(unixTimestamp), epoch, epoch + 1n, BigInt(unixTimestamp)));
  }

  /** Full account or null: { lamports, owner, executable, data } (data copied out of the SVM). */
  getAccount(address) {
    const acct = this.svm.getAccount(typeof address === 'string' ? b58decode(address) : address);
    if (!acct) return null;
    return { lamports: acct.lamports(), owner: b58encode(acct.owner()), executable: acct.executable(), data: acct.data() };
  }

  /** Lamports, owner and (for token-program accounts only) data; never copies program binaries. */
  getAccountLight(addressBytes) {
    const acct = this.svm.getAccount(addressBytes);
    if (!acct) return null;
    const owner = b58encode(acct.owner());
    return { lamports: acct.lamports(), owner, executable: acct.executable(), data: TOKEN_PROGRAMS.has(owner) ? acct.data() : null };
  }

  setAccount(address, { lamports, data, owner, executable }) {
    this.svm.setAccount(b58decode(address), new Account(BigInt(lamports), data, b58decode(owner), !!executable, 0n));
  }

  minimumBalanceForRentExemption(len) {
    return this.svm.minimumBalanceForRentExemption(BigInt(len));
  }

  programAccounts(programAddress) {
    return this.svm.getProgramAccounts(b58decode(programAddress)).map((a) => {
      const acct = a.account();
      return { pubkey: b58encode(a.address), lamports: acct.lamports(), owner: programAddress, executable: acct.executable(), data: acct.data() };
    });
  }

  mintDecimals(mint) {
    if (this.decimalsCache.has(mint)) return this.decimalsCache.get(mint);
    const acct = this.getAccount(mint);
    if (!acct || tokenKind(acct.owner, acct.data) !== 'mint') return null;
    const m = parseMint(acct.data);
    if (!m.isInitialized) return null;
    this.decimalsCache.set(mint, m.decimals);
    return m.decimals;
  }

  verifySignatures(tx) {
    for (let i = 0; i < tx.signatures.length; i++) {
      const address = tx.staticAddresses[i];
      let key = this.keyCache.get(address);
      try {
        if (!key) {
          key = crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, tx.staticKeys[i]]), format: 'der', type: 'spki' });
          if (this.keyCache.size > 50000) this.keyCache.clear();
          this.keyCache.set(address, key);
        }
        if (!crypto.verify(null, tx.messageBytes, key, tx.signatures[i])) return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  /** All account keys (static, then loaded writable, then loaded readonly), or { error } for bad lookups. */
  resolveKeys(tx) {
    const writable = [];
    const readonly = [];
    for (const lookup of tx.lookups) {
      const table = this.getAccount(lookup.accountKey);
      if (!table) return { error: 'AddressLookupTableNotFound' };
      if (table.owner !== ADDRESS_LOOKUP_TABLE.address) return { error: 'InvalidAddressLookupTableOwner' };
      if (table.data.length < LOOKUP_TABLE_META_SIZE || (table.data.length - LOOKUP_TABLE_META_SIZE) % 32 !== 0) {
        return { error: 'InvalidAddressLookupTableData' };
      }
      const count = (table.data.length - LOOKUP_TABLE_META_SIZE) / 32;
      const at = (i) => b58encode(table.data.subarray(LOOKUP_TABLE_META_SIZE + 32 * i, LOOKUP_TABLE_META_SIZE + 32 * (i + 1)));
      for (const i of lookup.writableIndexes) {
        if (i >= count) return { error: 'InvalidAddressLookupTableIndex' };
        writable.push(at(i));
      }
      for (const i of lookup.readonlyIndexes) {
        if (i >= count) return { error: 'InvalidAddressLookupTableIndex' };
        readonly.push(at(i));
      }
    }
    return { keys: [...tx.staticAddresses, ...writable, ...readonly], loaded: { writable, readonly } };
  }

  /** Lamport balances and token balances (Agave's TransactionTokenBalance shape) of the given keys. */
  snapshot(keys) {
    const balances = [];
    const tokenBalances = [];
    const accounts = [];
    keys.forEach((address, accountIndex) => {
      const acct = this.getAccountLight(b58decode(address));
      accounts.push(acct);
      balances.push(acct ? acct.lamports.toString() : '0');
      if (acct?.data && tokenKind(acct.owner, acct.data) === 'account') {
        const t = parseTokenAccount(acct.data);
        const decimals = this.mintDecimals(t.mint);
        if (decimals !== null && t.state !== 'uninitialized') {
          tokenBalances.push({ accountIndex, mint: t.mint, owner: t.owner, programId: acct.owner, uiTokenAmount: uiTokenAmount(t.amount, decimals, true) });
        }
      }
    });
    return { balances, tokenBalances, accounts };
  }

  /** Executes for real. Returns { err, logs, unitsConsumed, fee, innerInstructions, returnData }. */
  execute(tx) {
    const res = tx.version === 'legacy' ? this.svm.sendLegacyTransaction(tx.wireBytes) : this.svm.sendVersionedTransaction(tx.wireBytes);
    return describe(res, tx);
  }

  /** Simulates; adds postAccounts (address -> account) on success. */
  simulate(wireBytes, tx) {
    const res = tx.version === 'legacy' ? this.svm.simulateLegacyTransaction(wireBytes) : this.svm.simulateVersionedTransaction(wireBytes);
    if (res instanceof FailedTransactionMetadata) return { ...describe(res, tx), postAccounts: new Map() };
    const out = describe(res.meta(), tx);
    out.postAccounts = new Map(
      res.postAccounts().map((a) => {
        const acct = a.account();
        return [b58encode(a.address), { lamports: acct.lamports(), owner: b58encode(acct.owner()), executable: acct.executable(), data: acct.data() }];
      }),
    );
    return out;
  }
}

const FEE_RE = /fee: (\d+) \}(?: \})?\)\s*$/;

function describe(res, tx) {
  const failed = res instanceof FailedTransactionMetadata;
  const meta = failed ? res.meta() : res;
  const feeMatch = FEE_RE.exec(res.toString());
  const programIds = tx.instructions.map((ix) => tx.staticAddresses[ix.programIdIndex]);
  const fee = feeMatch ? BigInt(feeMatch[1]) : computeFee(tx.signatures.length, tx.instructions, programIds);
  const innerInstructions = [];
  meta.innerInstructions().forEach((list, index) => {
    if (list.length === 0) return;
    innerInstructions.push({
      index,
      instructions: list.map((ii) => {
        const c = ii.instruction();
        return { programIdIndex: c.programIdIndex(), accounts: Array.from(c.accounts()), data: b58encode(c.data()), stackHeight: ii.stackHeight() };
      }),
    });
  });
  const rd = meta.returnData();
  const rdData = rd.data();
  return {
    err: failed ? txErrorJson(res.err()) : null,
    logs: meta.logs(),
    unitsConsumed: Number(meta.computeUnitsConsumed()),
    fee: fee.toString(),
    innerInstructions,
    returnData: rdData.length ? { programId: b58encode(rd.programId()), data: [b64encode(rdData), 'base64'] } : null,
  };
}
