// Pure functions: codecs, keys and PDAs, the wire parser, token amounts, fees, error texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import bs58 from 'bs58';
import * as web3 from '@solana/web3.js';
import * as spl from '@solana/spl-token';
import { b58encode, b58decode, b64decode, stringify, shortvec } from '../src/encoding.js';
import { Keypair, findProgramAddress, isOnCurve } from '../src/keys.js';
import { parseTransaction, sanitizeError, compileLegacyMessage, signMessage, WireError } from '../src/wire.js';
import * as programs from '../src/programs.js';
import { uiAmountString, uiTokenAmount } from '../src/token.js';
import { txErrorText } from '../src/errors.js';
import { Chain } from '../src/chain.js';
import { History } from '../src/history.js';

test('base58 round-trips against the bs58 package, leading zeros included', () => {
  for (let i = 0; i < 500; i++) {
    const bytes = crypto.randomBytes(i % 80);
    if (i % 3 === 0 && bytes.length > 2) bytes[0] = bytes[1] = 0;
    assert.equal(b58encode(bytes), bs58.encode(bytes));
    assert.deepEqual(Buffer.from(b58decode(bs58.encode(bytes))), bytes);
  }
  assert.throws(() => b58decode('abc0'), /InvalidCharacter \{ character: '0', index: 3 \}/);
  assert.throws(() => b64decode('abc'), /Invalid/);
});

test('stringify writes u64 values beyond 2^53 as exact JSON numbers', () => {
  assert.equal(stringify({ a: 18446744073709551615n, b: 5n, c: [1n] }), '{"a":18446744073709551615,"b":5,"c":[1]}');
  assert.deepEqual(Array.from(shortvec(0)), [0]);
  assert.deepEqual(Array.from(shortvec(128)), [0x80, 0x01]);
  assert.deepEqual(Array.from(shortvec(16384)), [0x80, 0x80, 0x01]);
});

test('program ids match the SDKs', () => {
  assert.equal(programs.TOKEN.address, spl.TOKEN_PROGRAM_ID.toBase58());
  assert.equal(programs.TOKEN_2022.address, spl.TOKEN_2022_PROGRAM_ID.toBase58());
  assert.equal(programs.ATA.address, spl.ASSOCIATED_TOKEN_PROGRAM_ID.toBase58());
  assert.equal(programs.SYSTEM.address, web3.SystemProgram.programId.toBase58());
  assert.equal(programs.COMPUTE_BUDGET.address, web3.ComputeBudgetProgram.programId.toBase58());
  assert.equal(programs.ADDRESS_LOOKUP_TABLE.address, web3.AddressLookupTableProgram.programId.toBase58());
  assert.equal(programs.ED25519_PRECOMPILE.address, web3.Ed25519Program.programId.toBase58());
  assert.equal(programs.SECP256K1_PRECOMPILE.address, web3.Secp256k1Program.programId.toBase58());
});

test('keypairs, curve check and associated token addresses agree with web3.js / spl-token', () => {
  const kp = Keypair.generate();
  const w = web3.Keypair.fromSecretKey(Uint8Array.from(JSON.parse(kp.toJson())));
  assert.equal(w.publicKey.toBase58(), kp.address);
  const msg = crypto.randomBytes(100);
  assert.ok(crypto.verify(null, msg, crypto.createPublicKey(kp.privateKey), kp.sign(msg)));
  for (let i = 0; i < 100; i++) {
    const r = crypto.randomBytes(32);
    assert.equal(isOnCurve(r), web3.PublicKey.isOnCurve(r));
    const owner = web3.Keypair.generate().publicKey;
    const mint = web3.Keypair.generate().publicKey;
    const [ata] = findProgramAddress([owner.toBytes(), programs.TOKEN.bytes, mint.toBytes()], programs.ATA.bytes);
    assert.equal(b58encode(ata), spl.getAssociatedTokenAddressSync(mint, owner, true).toBase58());
  }
});

test('the wire parser reads web3.js transactions and our compiler writes what web3.js reads', () => {
  const payer = web3.Keypair.generate();
  const to = web3.Keypair.generate().publicKey;
  const bh = bs58.encode(crypto.randomBytes(32));
  const tx = new web3.Transaction({ feePayer: payer.publicKey, recentBlockhash: bh }).add(web3.SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: to, lamports: 42 }));
  tx.sign(payer);
  const parsed = parseTransaction(tx.serialize());
  assert.equal(parsed.version, 'legacy');
  assert.equal(parsed.signature, bs58.encode(tx.signature));
  assert.equal(parsed.recentBlockhash, bh);
  assert.deepEqual(parsed.staticAddresses, tx.compileMessage().accountKeys.map((k) => k.toBase58()));
  assert.equal(sanitizeError(parsed), null);
  assert.throws(() => parseTransaction(tx.serialize().subarray(0, 100)), WireError);

  const ours = Keypair.generate();
  const compiled = compileLegacyMessage(ours.publicKey, [programs.systemTransfer(ours.publicKey, to.toBytes(), 7n)], b58decode(bh));
  const back = web3.Transaction.from(signMessage(compiled, [ours]));
  assert.ok(back.verifySignatures());
  assert.equal(back.feePayer.toBase58(), ours.address);
  assert.equal(web3.SystemInstruction.decodeTransfer(back.instructions[0]).lamports, 7n);
});

test('sanitize catches what Agave rejects before execution', () => {
  const payer = web3.Keypair.generate();
  const tx = new web3.Transaction({ feePayer: payer.publicKey, recentBlockhash: bs58.encode(crypto.randomBytes(32)) }).add(
    web3.SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: web3.Keypair.generate().publicKey, lamports: 1 }),
  );
  tx.sign(payer);
  const wire = Buffer.from(tx.serialize());
  const noSig = Buffer.concat([Buffer.from([0]), wire.subarray(65)]);
  assert.equal(sanitizeError(parseTransaction(noSig)), 'SanitizeFailure');
  const badIndex = parseTransaction(wire);
  badIndex.instructions[0].accounts[0] = 9;
  assert.equal(sanitizeError(badIndex), 'SanitizeFailure');
  const payerAsProgram = parseTransaction(wire);
  payerAsProgram.instructions[0].programIdIndex = 0;
  assert.equal(sanitizeError(payerAsProgram), 'SanitizeFailure');
  const twice = parseTransaction(wire);
  twice.staticAddresses[2] = twice.staticAddresses[1];
  assert.equal(sanitizeError(twice), 'AccountLoadedTwice');
});

test('token amounts render like Agave', () => {
  assert.equal(uiAmountString(0n, 6), '0');
  assert.equal(uiAmountString(1n, 6), '0.000001');
  assert.equal(uiAmountString(1_500_000n, 6), '1.5');
  assert.equal(uiAmountString(1_000_000n, 6), '1');
  assert.equal(uiAmountString(123n, 0), '123');
  assert.deepEqual(uiTokenAmount(1_234_567n, 6), { amount: '1234567', decimals: 6, uiAmount: 1.234567, uiAmountString: '1.234567' });
  assert.equal(uiTokenAmount(0n, 6).uiAmount, 0);
  assert.equal(uiTokenAmount(0n, 6, true).uiAmount, null);
});

test('fees: 5,000 lamports per signature plus the prioritization fee', () => {
  const ix = (data = [0]) => ({ data: Uint8Array.from(data) });
  const cb = programs.COMPUTE_BUDGET.address;
  const price = [3, ...Buffer.from(new BigUint64Array([1000n]).buffer)];
  const limit = [2, 0xe0, 0x93, 0x04, 0x00]; // 300,000
  assert.equal(programs.computeFee(1, [ix()], ['TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA']), 5000n);
  assert.equal(programs.computeFee(2, [ix(price), ix(limit), ix()], [cb, cb, 'x']), 10000n + 300n);
  assert.equal(programs.computeFee(1, [ix(price), ix()], [cb, 'x']), 5000n + 200n);
});

test('error texts match Agave Display', () => {
  assert.equal(txErrorText('BlockhashNotFound'), 'Blockhash not found');
  assert.equal(txErrorText('AlreadyProcessed'), 'This transaction has already been processed');
  assert.equal(txErrorText({ InstructionError: [1, { Custom: 17 }] }), 'Error processing Instruction 1: custom program error: 0x11');
  assert.equal(txErrorText({ InstructionError: [0, 'InsufficientFunds'] }), 'Error processing Instruction 0: insufficient funds for instruction');
  assert.equal(txErrorText({ InsufficientFundsForRent: { account_index: 2 } }), 'Transaction results in an account (2) with insufficient funds for rent');
});

test('chain window and history paging', () => {
  const chain = new Chain(() => 1_700_000_000_000);
  chain.init(bs58.encode(crypto.randomBytes(32)));
  const h0 = chain.latest.hash;
  assert.equal(chain.lastValidBlockHeight(h0), 150);
  chain.advance(150);
  assert.ok(chain.isBlockhashValid(h0));
  chain.advance(1);
  assert.ok(!chain.isBlockhashValid(h0));
  chain.advance(1000);
  assert.equal(chain.slot, 1151);
  assert.equal(chain.blockhashes.size, 300);

  const history = new History();
  for (let i = 0; i < 10; i++) history.add({ signature: `s${i}`, slot: i, keys: i % 2 ? ['A', 'B'] : ['A'] });
  assert.deepEqual(history.signaturesFor('A', { limit: 3 }).map((r) => r.signature), ['s9', 's8', 's7']);
  assert.deepEqual(history.signaturesFor('A', { before: 's7', limit: 2 }).map((r) => r.signature), ['s6', 's5']);
  assert.deepEqual(history.signaturesFor('A', { until: 's7' }).map((r) => r.signature), ['s9', 's8']);
  assert.deepEqual(history.signaturesFor('B', { before: 's5', until: 's1' }).map((r) => r.signature), ['s3']);
  assert.deepEqual(history.signaturesFor('A', { before: 'unknown' }), []);
  assert.equal(history.signaturesFor('A', { until: 'unknown' }).length, 10);
});
