/* Chromium with the test wallet injected, and the wallet steps every browser test takes. */
import bs58 from 'bs58';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import nacl from 'tweetnacl';
import { STEP_TIMEOUT_MS, expectText, expectVisible } from './support.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const WALLET_NAME = 'Rigshare Test Wallet';
export const DESKTOP = { width: 1280, height: 900 };

/** The wallet's address and how the app and the adapter shorten it. */
export function walletIdentity(seedHex) {
  const address = bs58.encode(nacl.sign.keyPair.fromSeed(Buffer.from(seedHex, 'hex')).publicKey);
  return {
    address,
    short: `${address.slice(0, 4)}…${address.slice(-4)}`, // the app's shortenAddress
    connectedLabel: `${address.slice(0, 4)}..${address.slice(-4)}`, // the adapter's button
  };
}

/**
 * A fresh Chromium profile whose pages get the test wallet for `seed` before the app loads.
 * Answers { context, page }; `page` records uncaught errors in `pageErrors` and requests to
 * origins other than `allowedOrigins()` in `foreignRequests`.
 */
export async function launchWithWallet({
  seed,
  signIn = true,
  allowedOrigins,
  pageErrors,
  foreignRequests,
}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'rigshare-e2e-chromium-'));
  process.on('exit', () => {
    try {
      rmSync(userDataDir, { recursive: true, force: true });
    } catch {
      // A browser that outlived us may still hold files; the OS cleans tmp.
    }
  });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: DESKTOP,
    timeout: STEP_TIMEOUT_MS,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await context.addInitScript({ content: walletScript(seed, signIn) });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (/^(data|blob):/.test(url)) return;
    if (!allowedOrigins().some((origin) => url.startsWith(origin))) foreignRequests.push(url);
  });
  return { context, page };
}

function walletScript(seed, signIn) {
  const require = createRequire(import.meta.url);
  const naclSource = readFileSync(require.resolve('tweetnacl/nacl-fast.js'), 'utf8');
  const wallet = readFileSync(new URL('./wallet.js', import.meta.url), 'utf8');
  return `window.__rigshareTestWallet = ${JSON.stringify({ seed, signIn })};\n${naclSource}\n${wallet}`;
}

/** Connects the test wallet through the adapter's modal; `onModal` runs while the modal is open. */
export async function connectWallet(page, identity, onModal = async () => undefined) {
  const header = page.locator('header.site-header');
  await header.getByRole('button', { name: 'Select Wallet' }).click();
  // The adapter's dialog points aria-labelledby at an id its title lacks: find it by its text.
  const modal = page.getByRole('dialog').filter({ hasText: 'Connect a wallet on Solana' });
  const walletButton = modal.getByRole('button', { name: new RegExp(WALLET_NAME) });
  await expectVisible(walletButton);
  await expectText(walletButton, /Detected/);
  await onModal();
  await walletButton.click();
  // With autoConnect on, selecting connects; without it the multi-button then says Connect.
  const connect = header.getByRole('button', { name: 'Connect', exact: true });
  const connected = header.getByRole('button', { name: identity.connectedLabel });
  await expectVisible(connect.or(connected));
  if (await connect.isVisible()) await connect.click();
  await expectVisible(connected);
  await expectText(header.locator('.session-badge'), /Not signed in/);
  await modal.waitFor({ state: 'detached' });
}

/** Signs in with the connected wallet from the header, and waits for the app to say so. */
export async function signInFromHeader(page, identity) {
  const header = page.locator('header.site-header');
  await header.getByRole('button', { name: 'Sign in with wallet' }).click();
  const badge = header.locator('.session-badge');
  await expectText(badge, /Signed in as/);
  await expectText(badge.locator('.mono'), identity.short);
}

/** Closes a browser, giving up after 5 s (a hung browser must not hang the run). */
export async function closeContext(context) {
  if (!context) return;
  const closing = context.close().catch(() => undefined);
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000))]);
}
