// The local node: one SVM, one chain clock, one history, and the sendTransaction pipeline with
// Agave's preflight semantics. Everything here is synchronous, so transactions execute one at a
// time in arrival order, like a single-threaded banking stage.
import { EventEmitter } from 'node:events';
import { Chain, STATUS_CACHE_SLOTS } from './chain.js';
import { History } from './history.js';
import { Runtime } from './runtime.js';
import { b58decode, b64encode, readU64, u64le } from './encoding.js';
import { RpcError, invalidParams, txErrorText, SEND_TRANSACTION_PREFLIGHT_FAILURE } from './errors.js';
import { sanitizeError, compileLegacyMessage, signMessage, parseTransaction } from './wire.js';
import { MEMO_PROGRAMS, TOKEN, ATA, systemTransfer, createAtaIdempotent, mintToChecked, setComputeUnitLimit } from './programs.js';
import { findProgramAddress } from './keys.js';
import { tokenKind, parseTokenAccount } from './token.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class LocalNode extends EventEmitter {
  constructor({ log = () => {} } = {}) {
    super();
    this.setMaxListeners(0);
    this.chain = new Chain();
    this.history = new History();
    this.runtime = new Runtime();
    this.dirty = new Set(); // addresses whose accounts may have changed since the last flush
    this.dropNext = 0;
    this.clockStale = true;
    this.log = log;
    this.token = null; // { mint, decimals, faucet: Keypair, treasury: Keypair }
  }

  get slot() {
    return this.chain.slot;
  }

  advance(n = 1) {
    const parent = this.chain.slot;
    this.chain.advance(n);
    this.clockStale = true;
    this.emit('slot', { parent: n === 1 ? parent : this.chain.slot - 1, root: this.chain.slot, slot: this.chain.slot });
  }

  #syncClock() {
    if (!this.clockStale) return;
    this.runtime.setClock(this.chain.slot, this.chain.blockTime);
    this.clockStale = false;
  }

  /** Status as getSignatureStatuses sees it: only within the status cache unless searching history. */
  signatureStatus(signature, searchHistory) {
    const r = this.history.get(signature);
    if (!r) return null;
    if (!searchHistory && r.slot + STATUS_CACHE_SLOTS < this.chain.slot) return null;
    return r;
  }

  /** Checks Agave runs before executing: signature, blockhash age, status cache, lookup tables. */
  #precheck(tx, { verify = true } = {}) {
    if (verify && !this.runtime.verifySignatures(tx)) return { error: 'SignatureFailure' };
    if (!this.chain.isBlockhashValid(tx.recentBlockhash)) return { error: 'BlockhashNotFound' };
    if (this.history.get(tx.signature)) return { error: 'AlreadyProcessed' };
    return this.runtime.resolveKeys(tx);
  }

  /**
   * sendTransaction. Returns the signature; throws RpcError for what Agave rejects synchronously.
   * With skipPreflight, a transaction that could never land (bad signature, unknown blockhash,
   * duplicate) still returns its signature and silently never lands, as on a real cluster.
   */
  sendTransaction(tx, { skipPreflight = false, internal = false } = {}) {
    const bad = sanitizeError(tx);
    if (bad) throw invalidParams(`invalid transaction: ${txErrorText(bad)}`);
    const checked = this.#precheck(tx);
    if (checked.error) {
      if (!skipPreflight) throw preflightFailure(checked.error);
      this.log(`dropped ${tx.signature}: ${checked.error}`);
      return tx.signature;
    }
    if (!internal && this.dropNext > 0) {
      this.dropNext -= 1;
      this.log(`dropped ${tx.signature}: rigshare_dropNextTransactions`);
      return tx.signature;
    }
    this.#syncClock();
    const feePayer = tx.staticAddresses[0];
    const payerBefore = this.runtime.getAccount(feePayer);
    const pre = this.runtime.snapshot(checked.keys);
    const result = this.runtime.execute(tx);
    const payerAfter = this.runtime.getAccountLight(tx.staticKeys[0]);
    const charged = payerBefore && (!payerAfter || payerAfter.lamports < payerBefore.lamports);
    if (result.err && !skipPreflight) {
      if (charged) this.runtime.setAccount(feePayer, payerBefore); // preflight would have stopped it
      throw preflightFailure(result.err, result);
    }
    if (result.err && !charged) {
      this.log(`dropped ${tx.signature}: ${JSON.stringify(result.err)}`);
      return tx.signature;
    }
    const post = this.runtime.snapshot(checked.keys);
    const record = this.history.add({
      signature: tx.signature,
      slot: this.chain.slot,
      blockTime: this.chain.blockTime,
      tx: b64encode(tx.wireBytes),
      version: tx.version,
      keys: checked.keys,
      loaded: checked.loaded,
      err: result.err,
      fee: result.fee,
      logs: result.logs,
      unitsConsumed: result.unitsConsumed,
      innerInstructions: result.innerInstructions,
      returnData: result.returnData,
      preBalances: pre.balances,
      postBalances: post.balances,
      preTokenBalances: pre.tokenBalances,
      postTokenBalances: post.tokenBalances,
      memo: extractMemo(tx),
    });
    for (const k of checked.keys) this.dirty.add(k);
    this.emit('transaction', record);
    return tx.signature;
  }

  /** simulateTransaction's value (Agave's RpcSimulateTransactionResult, minus a few fields). */
  simulate(tx, { sigVerify = false, replaceRecentBlockhash = false } = {}) {
    let target = tx;
    let replacement = null;
    if (replaceRecentBlockhash) {
      const bytes = Uint8Array.from(tx.wireBytes);
      bytes.set(b58decode(this.chain.latest.hash), tx.recentBlockhashOffset);
      target = parseTransaction(bytes);
      replacement = { blockhash: this.chain.latest.hash, lastValidBlockHeight: this.chain.lastValidBlockHeight(this.chain.latest.hash) };
    }
    const checked = this.#precheck(target, { verify: sigVerify });
    if (checked.error) return simulationValue({ err: checked.error, logs: [], unitsConsumed: 0, returnData: null, fee: null }, replacement);
    this.#syncClock();
    const result = this.runtime.simulate(target.wireBytes, target);
    return { ...simulationValue(result, replacement), postAccounts: result.postAccounts, keys: checked.keys };
  }

  // ---- transactions the node signs itself (first-run setup, requestAirdrop, rigshare_faucet) ----

  /** Signs with the latest blockhash and sends with preflight; varies the message if it would repeat. */
  sendInternal(payer, instructions, signers) {
    for (let variant = 0; variant < 64; variant++) {
      const ixs = variant === 0 ? instructions : [setComputeUnitLimit(1_400_000 - variant), ...instructions];
      const compiled = compileLegacyMessage(payer.publicKey, ixs, b58decode(this.chain.latest.hash));
      const tx = parseTransaction(signMessage(compiled, signers));
      if (this.history.get(tx.signature)) continue;
      return this.sendTransaction(tx, { internal: true });
    }
    throw new RpcError(-32603, 'Internal error');
  }

  requestAirdrop(address, lamports) {
    const faucet = this.token.faucet;
    return this.sendInternal(faucet, [systemTransfer(faucet.publicKey, b58decode(address), lamports)], [faucet]);
  }

  associatedTokenAddress(owner, mint = this.token.mint) {
    return findProgramAddress([b58decode(owner), TOKEN.bytes, b58decode(mint)], ATA.bytes)[0];
  }

  /** Mints reward tokens to owner's associated token account (created if missing); optional SOL too. */
  faucet(owner, amount, lamports = 0n) {
    const { faucet, mint, decimals } = this.token;
    const ownerBytes = b58decode(owner);
    const ata = this.associatedTokenAddress(owner);
    const ixs = [];
    if (lamports > 0n) ixs.push(systemTransfer(faucet.publicKey, ownerBytes, lamports));
    ixs.push(createAtaIdempotent(faucet.publicKey, ata, ownerBytes, b58decode(mint)));
    if (amount > 0n) ixs.push(mintToChecked(b58decode(mint), ata, faucet.publicKey, amount, decimals));
    return { signature: this.sendInternal(faucet, ixs, [faucet]), ata };
  }

  /** Test helper: overwrite a token account's amount, keeping the mint's supply consistent. */
  setTokenBalance(account, amount) {
    const acct = this.runtime.getAccount(account);
    if (!acct || tokenKind(acct.owner, acct.data) !== 'account') throw invalidParams('Invalid param: not a Token account');
    const data = Buffer.from(acct.data);
    const { mint, amount: old } = parseTokenAccount(data);
    u64le(amount).copy(data, 64);
    this.runtime.setAccount(account, { ...acct, data });
    const mintAcct = this.runtime.getAccount(mint);
    if (mintAcct) {
      const mdata = Buffer.from(mintAcct.data);
      u64le(readU64(mdata, 36) - old + amount).copy(mdata, 36);
      this.runtime.setAccount(mint, { ...mintAcct, data: mdata });
    }
    this.dirty.add(account);
    this.dirty.add(mint);
    this.emit('accounts', [account, mint]);
  }
}

function simulationValue(r, replacement) {
  return {
    err: r.err,
    logs: r.logs,
    accounts: null,
    unitsConsumed: r.unitsConsumed,
    returnData: r.returnData,
    innerInstructions: null,
    replacementBlockhash: replacement,
    fee: r.err ? null : r.fee === null ? null : BigInt(r.fee),
  };
}

function preflightFailure(err, result = { logs: [], unitsConsumed: 0, returnData: null }) {
  return new RpcError(SEND_TRANSACTION_PREFLIGHT_FAILURE, `Transaction simulation failed: ${txErrorText(err)}`, {
    accounts: null,
    err,
    innerInstructions: null,
    logs: result.logs,
    replacementBlockhash: null,
    returnData: result.returnData ?? null,
    unitsConsumed: result.unitsConsumed,
  });
}

/** Agave's memo field: "[len] text" per top-level memo instruction, joined by "; ". */
export function extractMemo(tx) {
  const memos = [];
  for (const ix of tx.instructions) {
    if (!MEMO_PROGRAMS.has(tx.staticAddresses[ix.programIdIndex])) continue;
    let text;
    try {
      text = utf8.decode(ix.data);
    } catch {
      text = '(unparseable)';
    }
    memos.push(`[${ix.data.length}] ${text}`);
  }
  return memos.length ? memos.join('; ') : null;
}
