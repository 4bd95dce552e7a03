// Happy paths through web3.js and spl-token against the real server: airdrop, SPL payouts with
// memo and a Solana Pay style reference key, transaction metadata, signature lookups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Keypair, PublicKey, Transaction, TransactionInstruction, SystemProgram, ComputeBudgetProgram, sendAndConfirmTransaction, LAMPORTS_PER_SOL } from '@solana/web3.js';
import {
  getAssociatedTokenAddressSync,
  createAssociatedTokenAccountIdempotentInstruction,
  createTransferCheckedInstruction,
  getMint,
  getAccount,
  TOKEN_PROGRAM_ID,
} from '@solana/spl-token';
import bs58 from 'bs58';
import { startServer } from './helpers.js';

const MEMO = new PublicKey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');
let server;
let conn;
let mint;
let treasury;
let treasuryAta;

before(async () => {
  server = await startServer({ args: ['--slot-ms', '100'] });
  conn = server.connection;
  mint = new PublicKey(server.info.mint);
  treasury = server.treasury();
  treasuryAta = getAssociatedTokenAddressSync(mint, treasury.publicKey);
});
after(() => server.stop());

function payoutTx(owner, amount, memo, reference) {
  const ata = getAssociatedTokenAddressSync(mint, owner);
  const transfer = createTransferCheckedInstruction(treasuryAta, mint, ata, treasury.publicKey, amount, 6);
  if (reference) transfer.keys.push({ pubkey: reference, isSigner: false, isWritable: false });
  return new Transaction().add(
    createAssociatedTokenAccountIdempotentInstruction(treasury.publicKey, ata, owner, mint),
    transfer,
    new TransactionInstruction({ programId: MEMO, keys: [], data: Buffer.from(memo, 'utf8') }),
  );
}

test('ready line describes a usable ledger', async () => {
  const info = server.info;
  assert.equal(info.ready, true);
  assert.match(info.rpcUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(new URL(info.rpcUrl).port, '0');
  assert.match(info.wsUrl, /^ws:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(info.decimals, 6);
  assert.equal(info.firstRun, true);
  for (const [file, address] of [[info.treasuryKeypairPath, info.treasury], [info.faucetKeypairPath, info.faucet]]) {
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, `${file} mode`);
    const kp = Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(file, 'utf8'))));
    assert.equal(kp.publicKey.toBase58(), address);
  }
  const m = await getMint(conn, mint);
  assert.equal(m.decimals, 6);
  assert.equal(m.mintAuthority.toBase58(), info.faucet);
  assert.equal(m.supply, 1_000_000_000n * 1_000_000n);
  const t = await getAccount(conn, treasuryAta);
  assert.equal(t.amount, 1_000_000_000n * 1_000_000n);
  assert.equal(t.owner.toBase58(), info.treasury);
  assert.ok((await conn.getBalance(treasury.publicKey)) >= 999 * LAMPORTS_PER_SOL);
});

test('requestAirdrop credits exactly the requested lamports', async () => {
  const who = Keypair.generate().publicKey;
  assert.equal(await conn.getBalance(who), 0);
  const sig = await conn.requestAirdrop(who, 2 * LAMPORTS_PER_SOL);
  const bh = await conn.getLatestBlockhash();
  const res = await conn.confirmTransaction({ signature: sig, ...bh });
  assert.equal(res.value.err, null);
  assert.equal(await conn.getBalance(who), 2 * LAMPORTS_PER_SOL);
  const again = await conn.requestAirdrop(who, 2 * LAMPORTS_PER_SOL);
  assert.notEqual(again, sig, 'a repeated airdrop must be a new transaction');
  assert.equal(await conn.getBalance(who), 4 * LAMPORTS_PER_SOL);
});

test('SPL payout with memo and reference: balances, meta, signature lookups', async () => {
  const owner = Keypair.generate().publicKey;
  const reference = Keypair.generate().publicKey;
  const ata = getAssociatedTokenAddressSync(mint, owner);
  const before = (await getAccount(conn, treasuryAta)).amount;
  const sig = await sendAndConfirmTransaction(conn, payoutTx(owner, 1_234_567n, 'rigshare:payout:42', reference), [treasury]);

  const bal = await conn.getTokenAccountBalance(ata);
  assert.deepEqual(bal.value, { amount: '1234567', decimals: 6, uiAmount: 1.234567, uiAmountString: '1.234567' });
  assert.equal((await getAccount(conn, treasuryAta)).amount, before - 1_234_567n);

  const tx = await conn.getTransaction(sig, { maxSupportedTransactionVersion: 0, commitment: 'confirmed' });
  assert.equal(tx.meta.err, null);
  assert.equal(tx.meta.fee, 5000);
  assert.equal(tx.version, 'legacy');
  assert.equal(typeof tx.blockTime, 'number');
  const keys = tx.transaction.message.staticAccountKeys.map((k) => k.toBase58());
  assert.equal(tx.meta.preBalances.length, keys.length);
  assert.equal(tx.meta.postBalances.length, keys.length);
  assert.equal(tx.meta.preBalances[0] - tx.meta.postBalances[0], 5000 + 2039280, 'fee + rent for the new token account');
  const at = (list, address) => list.find((b) => keys[b.accountIndex] === address.toBase58());
  assert.equal(at(tx.meta.preTokenBalances, ata), undefined, 'recipient token account did not exist before');
  assert.equal(at(tx.meta.postTokenBalances, ata).uiTokenAmount.amount, '1234567');
  assert.equal(at(tx.meta.postTokenBalances, ata).owner, owner.toBase58());
  assert.equal(at(tx.meta.postTokenBalances, ata).mint, mint.toBase58());
  assert.equal(at(tx.meta.preTokenBalances, treasuryAta).uiTokenAmount.amount, before.toString());
  assert.equal(at(tx.meta.postTokenBalances, treasuryAta).uiTokenAmount.amount, (before - 1_234_567n).toString());
  assert.ok(tx.meta.logMessages.includes('Program log: Memo (len 18): "rigshare:payout:42"') || tx.meta.logMessages.some((l) => l.includes('rigshare:payout:42')));
  assert.ok(tx.meta.innerInstructions.length > 0, 'ATA creation runs inner instructions');

  const raw = await server.result('getTransaction', [sig, { encoding: 'base64' }]);
  assert.equal(raw.transaction[1], 'base64');
  assert.equal(bs58.encode(Transaction.from(Buffer.from(raw.transaction[0], 'base64')).signature), sig);
  assert.equal(raw.version, undefined, 'no version field without maxSupportedTransactionVersion');

  const refSigs = await conn.getSignaturesForAddress(reference);
  assert.equal(refSigs.length, 1);
  assert.equal(refSigs[0].signature, sig);
  assert.equal(refSigs[0].err, null);
  assert.equal(refSigs[0].memo, '[18] rigshare:payout:42');
  assert.equal(refSigs[0].confirmationStatus, 'finalized');
  assert.ok((await conn.getSignaturesForAddress(owner)).some((s) => s.signature === sig));

  const statuses = await conn.getSignatureStatuses([sig, '1'.repeat(64)]);
  assert.equal(statuses.value[0].confirmationStatus, 'finalized');
  assert.equal(statuses.value[0].err, null);
  assert.equal(statuses.value[1], null);

  const byOwner = await conn.getParsedTokenAccountsByOwner(owner, { mint });
  assert.equal(byOwner.value.length, 1);
  assert.equal(byOwner.value[0].pubkey.toBase58(), ata.toBase58());
  assert.equal(byOwner.value[0].account.data.parsed.info.tokenAmount.amount, '1234567');
  const byProgram = await conn.getTokenAccountsByOwner(owner, { programId: TOKEN_PROGRAM_ID });
  assert.equal(byProgram.value.length, 1);
  assert.equal((await conn.getTokenSupply(mint)).value.amount, (1_000_000_000n * 1_000_000n).toString());

  const parsed = await conn.getParsedTransaction(sig, { maxSupportedTransactionVersion: 0 });
  const ixs = parsed.transaction.message.instructions;
  assert.equal(ixs[1].parsed.type, 'transferChecked');
  assert.equal(ixs[1].parsed.info.tokenAmount.amount, '1234567');
  assert.equal(ixs[2].parsed, 'rigshare:payout:42');
});

test('a failing transfer: preflight rejects it free of charge; skipPreflight lands it with err and fee', async () => {
  const owner = Keypair.generate();
  await conn.confirmTransaction({ signature: await conn.requestAirdrop(owner.publicKey, LAMPORTS_PER_SOL), ...(await conn.getLatestBlockhash()) });
  const ata = getAssociatedTokenAddressSync(mint, owner.publicKey);
  await sendAndConfirmTransaction(conn, payoutTx(owner.publicKey, 10n, 'seed'), [treasury]);
  const overspend = () => new Transaction().add(createTransferCheckedInstruction(ata, mint, treasuryAta, owner.publicKey, 11n, 6));

  const tx1 = overspend();
  tx1.recentBlockhash = (await conn.getLatestBlockhash()).blockhash;
  tx1.feePayer = owner.publicKey;
  tx1.sign(owner);
  const r = await server.call('sendTransaction', [tx1.serialize().toString('base64'), { encoding: 'base64' }]);
  assert.equal(r.error.code, -32002);
  assert.equal(r.error.message, 'Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1');
  assert.deepEqual(r.error.data.err, { InstructionError: [0, { Custom: 1 }] });
  assert.ok(r.error.data.logs.some((l) => l.includes('insufficient funds')), r.error.data.logs.join('\n'));
  assert.equal(await conn.getBalance(owner.publicKey), LAMPORTS_PER_SOL, 'preflight failure charges nothing');
  assert.equal((await conn.getSignatureStatus(bs58.encode(tx1.signature))).value, null);

  const sig = await server.result('sendTransaction', [tx1.serialize().toString('base64'), { encoding: 'base64', skipPreflight: true }]);
  const st = (await conn.getSignatureStatuses([sig])).value[0];
  assert.deepEqual(st.err, { InstructionError: [0, { Custom: 1 }] });
  assert.deepEqual(st.status, { Err: { InstructionError: [0, { Custom: 1 }] } });
  assert.equal(await conn.getBalance(owner.publicKey), LAMPORTS_PER_SOL - 5000, 'a landed failure pays its fee');
  assert.equal((await conn.getTokenAccountBalance(ata)).value.amount, '10');
  const meta = (await conn.getTransaction(sig, { maxSupportedTransactionVersion: 0 })).meta;
  assert.deepEqual(meta.err, { InstructionError: [0, { Custom: 1 }] });
  assert.equal(meta.fee, 5000);
  const listed = await conn.getSignaturesForAddress(owner.publicKey, { limit: 1 });
  assert.equal(listed[0].signature, sig);
  assert.deepEqual(listed[0].err, { InstructionError: [0, { Custom: 1 }] });
});

test('simulateTransaction, fees, rent, cluster info', async () => {
  const to = Keypair.generate().publicKey;
  const tx = new Transaction().add(SystemProgram.transfer({ fromPubkey: treasury.publicKey, toPubkey: to, lamports: 1_000_000 }));
  const { blockhash, lastValidBlockHeight } = await conn.getLatestBlockhash();
  tx.recentBlockhash = blockhash;
  tx.feePayer = treasury.publicKey;
  const sim = await conn.simulateTransaction(tx, [treasury]);
  assert.equal(sim.value.err, null);
  assert.ok(sim.value.logs.includes('Program 11111111111111111111111111111111 success'));
  assert.ok(sim.value.unitsConsumed > 0);
  assert.equal(await conn.getBalance(to), 0, 'simulation changes nothing');

  const signed = new Transaction({ feePayer: treasury.publicKey, blockhash, lastValidBlockHeight }).add(tx.instructions[0]);
  signed.sign(treasury);
  const withAccounts = await server.result('simulateTransaction', [signed.serialize().toString('base64'), { encoding: 'base64', accounts: { addresses: [to.toBase58()], encoding: 'base64' } }]);
  assert.equal(withAccounts.value.accounts[0].lamports, 1_000_000);
  const replaced = await server.result('simulateTransaction', [signed.serialize().toString('base64'), { encoding: 'base64', replaceRecentBlockhash: true }]);
  assert.equal(replaced.value.err, null);
  assert.equal(typeof replaced.value.replacementBlockhash.blockhash, 'string');

  assert.equal((await conn.getFeeForMessage(signed.compileMessage())).value, 5000);
  const batch = JSON.parse((await server.post(JSON.stringify([
    { jsonrpc: '2.0', id: 1, method: 'getLatestBlockhash' },
    { jsonrpc: '2.0', id: 2, method: 'getBlockHeight' },
  ]))).text);
  assert.equal(batch[0].result.value.lastValidBlockHeight, batch[1].result + 150);
  assert.ok(lastValidBlockHeight > 150);
  assert.ok((await conn.isBlockhashValid(blockhash)).value);
  assert.equal(await conn.getMinimumBalanceForRentExemption(165), 2039280);
  assert.equal(await server.result('getHealth'), 'ok');
  assert.equal(await conn.getGenesisHash(), server.info.genesisHash);
  assert.ok((await conn.getVersion())['solana-core']);
  const epoch = await conn.getEpochInfo();
  assert.equal(epoch.slotsInEpoch, 432000);
  assert.ok(epoch.transactionCount >= 2);
  assert.deepEqual(await conn.getRecentPrioritizationFees().then((f) => f.every((x) => x.prioritizationFee === 0)), true);
  const slot1 = await conn.getSlot();
  await new Promise((r) => setTimeout(r, 350));
  assert.ok((await conn.getSlot()) > slot1, 'the slot clock advances on its own');
});

test('priority fees: getFeeForMessage matches the fee the runtime charges', async () => {
  const to = Keypair.generate().publicKey;
  const { blockhash, lastValidBlockHeight } = await conn.getLatestBlockhash();
  const tx = new Transaction({ feePayer: treasury.publicKey, blockhash, lastValidBlockHeight }).add(
    ComputeBudgetProgram.setComputeUnitLimit({ units: 300_000 }),
    ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 1000 }),
    SystemProgram.transfer({ fromPubkey: treasury.publicKey, toPubkey: to, lamports: LAMPORTS_PER_SOL }),
  );
  const quoted = (await conn.getFeeForMessage(tx.compileMessage())).value;
  assert.equal(quoted, 5000 + 300);
  const sig = await sendAndConfirmTransaction(conn, tx, [treasury]);
  const meta = (await conn.getTransaction(sig, { maxSupportedTransactionVersion: 0 })).meta;
  assert.equal(meta.fee, quoted);
  assert.equal(meta.preBalances[0] - meta.postBalances[0], quoted + LAMPORTS_PER_SOL);
});

test('rigshare_faucet and rigshare_setTokenBalance fund an owner for the demo', async () => {
  const owner = Keypair.generate().publicKey;
  const r = await server.result('rigshare_faucet', { owner: owner.toBase58(), amount: '2500000', lamports: LAMPORTS_PER_SOL });
  assert.equal(r.tokenAccount, getAssociatedTokenAddressSync(mint, owner).toBase58());
  assert.equal((await conn.getTokenAccountBalance(new PublicKey(r.tokenAccount))).value.uiAmountString, '2.5');
  assert.equal(await conn.getBalance(owner), LAMPORTS_PER_SOL);
  assert.equal((await conn.getTransaction(r.signature, { maxSupportedTransactionVersion: 0 })).meta.err, null);
  const supply = BigInt((await conn.getTokenSupply(mint)).value.amount);
  await server.result('rigshare_faucet', [{ owner: owner.toBase58(), amount: 500000 }]);
  assert.equal((await conn.getTokenAccountBalance(new PublicKey(r.tokenAccount))).value.amount, '3000000');
  assert.equal(BigInt((await conn.getTokenSupply(mint)).value.amount), supply + 500000n, 'minted, so supply grows');
  const set = await server.result('rigshare_setTokenBalance', { owner: owner.toBase58(), amount: 42 });
  assert.deepEqual(set, { tokenAccount: r.tokenAccount, amount: '42' });
  assert.equal((await conn.getTokenAccountBalance(new PublicKey(r.tokenAccount))).value.amount, '42');
  assert.equal(BigInt((await conn.getTokenSupply(mint)).value.amount), supply + 500000n - 3000000n + 42n, 'supply follows the overwrite');
  const bad = await server.call('rigshare_faucet', { owner: 'nope', amount: 1 });
  assert.equal(bad.error.code, -32602);
  const multi = await conn.getMultipleAccountsInfo([owner, new PublicKey(r.tokenAccount), Keypair.generate().publicKey]);
  assert.equal(multi[0].lamports, LAMPORTS_PER_SOL);
  assert.equal(multi[1].owner.toBase58(), TOKEN_PROGRAM_ID.toBase58());
  assert.equal(multi[1].data.length, 165);
  assert.equal(multi[2], null);
  const accounts = await conn.getProgramAccounts(TOKEN_PROGRAM_ID, { filters: [{ dataSize: 165 }, { memcmp: { offset: 32, bytes: owner.toBase58() } }] });
  assert.deepEqual(accounts.map((a) => a.pubkey.toBase58()), [r.tokenAccount]);
});
