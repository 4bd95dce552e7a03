#!/usr/bin/env node
/*
 * End-to-end sign-in and Add a node, in a real Chromium against a running Rigshare server:
 *
 *   node frontend/e2e/signin.e2e.mjs --base http://localhost:18080 --seed <64 hex> \
 *     --screenshots /tmp/shots [--mode signIn|signMessage]
 *
 * A Wallet Standard test wallet (wallet.js, backed by the seed) is injected before the app loads.
 * The script connects it through the adapter's modal, signs in, generates and revokes a
 * registration token, survives a reload on a deep link, and signs out, checking the server's view
 * through the API with the session token the app stored. It prints one JSON line last:
 * {"ok":true,...} and exits 0, or {"ok":false,"step":...,"error":...} and exits 1.
 */
import { join } from 'node:path';
import {
  closeContext,
  connectWallet,
  launchWithWallet,
  signInFromHeader,
  walletIdentity,
} from './browser.mjs';
import {
  callApi,
  check,
  expectCount,
  expectText,
  expectVisible,
  failureVerdict,
  printResult,
  readOptions,
  screenshot,
} from './support.mjs';

const TOTAL_TIMEOUT_MS = 55_000;
const SESSION_KEY = 'rigshare.session';

const started = Date.now();
const options = readOptions();
const identity = walletIdentity(options.seed);
const { address, short, connectedLabel } = identity;
const steps = [];
const pageErrors = [];
const foreignRequests = [];
let currentStep = 'launch';
let context;
let page;
let shotCount = 0;
let failing = false;

const watchdog = setTimeout(() => {
  void fail(new Error(`the whole run took more than ${TOTAL_TIMEOUT_MS / 1000} s`));
}, TOTAL_TIMEOUT_MS);

try {
  await run();
  clearTimeout(watchdog);
  await closeBrowser();
  printResult({
    ok: true,
    mode: options.mode,
    steps,
    address,
    tokenPrefix: 'rsn_',
    ms: Date.now() - started,
  });
  process.exit(0);
} catch (error) {
  await fail(error);
}

async function run() {
  ({ context, page } = await launchWithWallet({
    seed: options.seed,
    signIn: options.mode === 'signIn',
    allowedOrigins: () => [options.base],
    pageErrors,
    foreignRequests,
  }));
  const header = page.locator('header.site-header');

  await step('open-home', async () => {
    await page.goto(`${options.base}/`);
    await expectVisible(page.getByRole('heading', { level: 1 }));
    await shot('home');
  });

  await step('connect-wallet', async () => {
    await connectWallet(page, identity, () => shot('wallet-modal'));
    await shot('wallet-connected');
  });

  await step('sign-in', async () => {
    await signInFromHeader(page, identity);
    const who = header.locator('.session-badge__who');
    check(
      (await who.getAttribute('title')) === `Signed in as ${address}`,
      'the badge title names the full address',
    );
    await expectVisible(page.locator('.toast__title', { hasText: 'Signed in' }));
    await shot('signed-in');
  });

  await step(`wallet-used-${options.mode}`, async () => {
    const calls = await page.evaluate(() => window.__rigshareTestWallet.calls);
    if (options.mode === 'signIn') {
      check(
        calls.signIn === 1 && calls.signMessage === 0,
        `one signIn call: ${JSON.stringify(calls)}`,
      );
    } else {
      check(
        calls.signIn === 0 && calls.signMessage === 1,
        `one signMessage call: ${JSON.stringify(calls)}`,
      );
    }
  });

  let session = await step('session-on-server', async () => {
    const stored = await storedSession();
    check(stored?.token, `the app stored a session under ${SESSION_KEY}`);
    check(stored.address === address, `the stored session is for ${address}`);
    const me = await api('GET', '/api/me', stored.token);
    check(me.status === 200, `GET /api/me answers 200, got ${me.status} ${me.text}`);
    check(me.json.address === address, `GET /api/me names ${address}, got ${me.text}`);
    return stored;
  });

  await step('open-add-node', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Add a node' })
      .click();
    await page.waitForURL(`${options.base}/hosts/add`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Add a node' }));
    await expectVisible(page.getByRole('button', { name: 'Generate registration token' }));
    await expectText(activeTokens().locator('.empty'), /No unused tokens/);
    await shot('add-node');
  });

  await step('reload-deep-link', async () => {
    await page.goto(`${options.base}/hosts/add`);
    // autoConnect reconnects the wallet the app remembered, and the stored session is re-checked.
    await expectVisible(header.getByRole('button', { name: connectedLabel }));
    await expectVisible(page.getByRole('button', { name: 'Generate registration token' }));
    await expectText(header.locator('.session-badge .mono'), short);
    const stored = await storedSession();
    check(stored?.token === session.token, 'the same session is kept across the reload');
    await shot('add-node-after-reload');
  });

  const created = await step('generate-token', async () => {
    await page.getByRole('button', { name: 'Generate registration token' }).click();
    const card = page.getByRole('article', { name: 'Your registration token' });
    await expectVisible(card);
    // Found by content, not position: the card may offer other commands (an installer) too.
    const codes = await card.locator('pre code').allTextContents();
    const command = codes.find((code) => code.includes('register --api ')) ?? '';
    const token = codes.find((code) => /^rsn_[\w-]+$/.test(code)) ?? '';
    check(command, `an agent command with "register --api" among: ${codes.join(' | ')}`);
    check(command.includes('--token rsn_'), `the agent command carries an rsn_ token: ${command}`);
    check(token && command.includes(`--token ${token}`), 'the token shown alone is the command’s');
    await expectVisible(card.getByRole('timer'));
    await shot('token-generated');
    return { command, token };
  });

  await step('token-listed', async () => {
    const items = activeTokens().locator('.token-list__item');
    await expectCount(items, 1);
    const listed = await api('GET', '/api/node-tokens', session.token);
    check(listed.status === 200, `GET /api/node-tokens answers 200, got ${listed.status}`);
    check(listed.json.tokens.length === 1, `the server lists one token: ${listed.text}`);
    const id = listed.json.tokens[0].id;
    await expectText(items.first(), `Token ${id.slice(0, 8)}`);
    created.id = id;
  });

  await step('revoke-token', async () => {
    await activeTokens()
      .getByRole('button', { name: `Revoke token ${created.id.slice(0, 8)}` })
      .click();
    await expectText(activeTokens().locator('.empty'), /No unused tokens/);
    await expectCount(activeTokens().locator('.token-list__item'), 0);
    await expectText(page.getByRole('article', { name: 'Your registration token' }), /was revoked/);
    const listed = await api('GET', '/api/node-tokens', session.token);
    check(
      listed.status === 200 && listed.json.tokens.length === 0,
      `no tokens left: ${listed.text}`,
    );
    await shot('token-revoked');
  });

  await step('sign-out', async () => {
    await header.getByRole('button', { name: 'Sign out' }).click();
    await expectText(header.locator('.session-badge'), /Not signed in/);
    await expectVisible(page.getByRole('region', { name: 'Sign in to add a node' }));
    check((await storedSession()) === null, 'the app forgot the session');
    const me = await api('GET', '/api/me', session.token);
    check(me.status === 401, `the old session is refused after sign-out, got ${me.status}`);
    session = null;
    await shot('signed-out');
  });

  await step('no-foreign-requests', async () => {
    check(foreignRequests.length === 0, `requests left ${options.base}: ${foreignRequests}`);
    check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(' | ')}`);
  });
}

function activeTokens() {
  return page.getByRole('region', { name: 'Active tokens' });
}

async function step(name, body) {
  currentStep = name;
  const result = await body();
  steps.push(name);
  return result;
}

async function storedSession() {
  const raw = await page.evaluate((key) => window.localStorage.getItem(key), SESSION_KEY);
  return raw === null ? null : JSON.parse(raw);
}

function api(method, path, token) {
  return callApi(options.base, method, path, token);
}

async function shot(name) {
  if (!page) return;
  shotCount += 1;
  const file = join(options.screenshots, `${String(shotCount).padStart(2, '0')}-${name}.png`);
  await screenshot(page, file);
}

async function closeBrowser() {
  await closeContext(context);
  context = undefined;
}

async function fail(error) {
  // The watchdog and the main flow can both fail the run: report the first only.
  if (failing) return;
  failing = true;
  clearTimeout(watchdog);
  const failedStep = currentStep;
  try {
    await Promise.race([
      shot(`failure-${failedStep}`),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]);
  } catch {
    // The failure itself is what matters; a missing screenshot is reported by its absence.
  }
  const verdict = await failureVerdict(page, failedStep, error, pageErrors);
  await closeBrowser();
  printResult(verdict);
  process.exit(1);
}
