// First run in a data dir (faucet, treasury, reward mint) and restarts from it.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { Keypair } from './keys.js';
import { b58encode } from './encoding.js';
import { SYSTEM, TOKEN, MINT_SIZE, systemCreateAccount, initializeMint2, systemTransfer, createAtaIdempotent, mintToChecked } from './programs.js';

const LAMPORTS_PER_SOL = 1_000_000_000n;
export const FAUCET_LAMPORTS = 500_000_000n * LAMPORTS_PER_SOL;
export const TREASURY_LAMPORTS = 1_000n * LAMPORTS_PER_SOL;
const U64_MAX = (1n << 64n) - 1n;

/** Opens (or creates) the ledger in store.dir. Returns what the ready line reports. */
export function openLedger(node, store, { decimals = 6, treasuryTokens = 1_000_000_000n, fresh = false, log = () => {} }) {
  fs.mkdirSync(store.dir, { recursive: true });
  if (fresh) store.wipe();
  if (store.hasState()) return restart(node, store, decimals, log);
  store.wipe(); // a first run that died half way leaves nothing worth keeping
  return firstRun(node, store, decimals, treasuryTokens);
}

function restart(node, store, decimals, log) {
  const config = store.readConfig();
  const faucet = Keypair.readFile(store.file('faucet.json'));
  const treasury = Keypair.readFile(store.file('treasury.json'));
  if (faucet.address !== config.faucet || treasury.address !== config.treasury) {
    throw new Error(`keypair files in ${store.dir} do not match config.json`);
  }
  if (decimals !== config.decimals) log(`--mint-decimals ${decimals} ignored: the existing mint has ${config.decimals}`);
  const records = store.load(node);
  node.token = { mint: config.mint, decimals: config.decimals, faucet, treasury };
  return { config, firstRun: false, records };
}

function firstRun(node, store, decimals, treasuryTokens) {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) throw new Error('--mint-decimals must be 0..9');
  const faucet = Keypair.generate();
  const treasury = Keypair.generate();
  const mint = Keypair.generate();
  node.chain.init(b58encode(crypto.randomBytes(32)));
  node.runtime.setAccount(faucet.address, { lamports: FAUCET_LAMPORTS, data: new Uint8Array(0), owner: SYSTEM.address, executable: false });
  node.dirty.add(faucet.address);
  node.token = { mint: mint.address, decimals, faucet, treasury };

  const rent = node.runtime.minimumBalanceForRentExemption(MINT_SIZE);
  node.sendInternal(faucet, [
    systemCreateAccount(faucet.publicKey, mint.publicKey, rent, MINT_SIZE, TOKEN.bytes),
    initializeMint2(mint.publicKey, decimals, faucet.publicKey),
  ], [faucet, mint]);

  let amount = treasuryTokens * 10n ** BigInt(decimals);
  if (amount > U64_MAX / 2n) amount = U64_MAX / 2n;
  const ata = node.associatedTokenAddress(treasury.address);
  node.sendInternal(faucet, [
    systemTransfer(faucet.publicKey, treasury.publicKey, TREASURY_LAMPORTS),
    createAtaIdempotent(faucet.publicKey, ata, treasury.publicKey, mint.publicKey),
    mintToChecked(mint.publicKey, ata, faucet.publicKey, amount, decimals),
  ], [faucet]);

  faucet.writeFile(store.file('faucet.json'));
  treasury.writeFile(store.file('treasury.json'));
  store.flush(node, { force: true });
  const config = {
    version: 1,
    mint: mint.address,
    decimals,
    tokenProgram: TOKEN.address,
    treasury: treasury.address,
    treasuryTokenAccount: b58encode(ata),
    faucet: faucet.address,
    genesisHash: node.chain.genesisHash,
    createdAt: new Date().toISOString(),
  };
  store.writeConfig(config); // last: its presence marks a complete first run
  return { config, firstRun: true, records: node.history.records.length };
}
