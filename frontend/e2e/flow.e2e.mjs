#!/usr/bin/env node
/*
 * The whole marketplace flow in real Chromium against a running Rigshare server on its local
 * Solana runtime:
 *
 *   node frontend/e2e/flow.e2e.mjs --base http://localhost:18080 --host-seed <64 hex> \
 *     --buyer-seed <64 hex> --screenshots /tmp/shots --agent-dir <dir holding rigshare-agent.jar> \
 *     --agent-home <empty dir> --agent-pid-file <file>
 *
 * The host signs in, adds a node and runs the agent command the page shows, verbatim, in
 * --agent-dir with RIGSHARE_AGENT_HOME=--agent-home (its pid goes to --agent-pid-file; the agent
 * keeps running after a successful run, for the caller to check and stop). The buyer gets tokens
 * from the runtime's faucet, deposits 5 of them paying with the wallet, submits a job without
 * GPUs and follows its output to the end. The host then sees earnings and the payout with its
 * transaction, and the operator's page. Screenshots of each page go to --screenshots under
 * stable names (home.png, add-node.png, ...). The last line printed is a JSON verdict:
 * {"ok":true,...} with exit code 0, or {"ok":false,"step":...,"error":...} with exit code 1.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DESKTOP,
  closeContext,
  connectWallet,
  launchWithWallet,
  signInFromHeader,
  walletIdentity,
} from './browser.mjs';
import {
  STEP_TIMEOUT_MS,
  callApi,
  check,
  expectText,
  expectVisible,
  failureVerdict,
  printResult,
  screenshot,
} from './support.mjs';

const TOTAL_TIMEOUT_MS = 150_000;
/** Waits that include a JVM starting, a chain transaction or a scheduled job. */
const SLOW_MS = 60_000;
const PHONE = { width: 390, height: 844 };
const DEPOSIT_TOKENS = '5';
const JOB_LINES = ['rigshare e2e: line 1', 'rigshare e2e: line 2', 'rigshare e2e: line 3'];
const JOB_COMMAND = 'for i in 1 2 3; do echo "rigshare e2e: line $i"; sleep 0.7; done';
const SESSION_KEY = 'rigshare.session';

const started = Date.now();
const options = readFlowOptions();
const host = walletIdentity(options.hostSeed);
const buyer = walletIdentity(options.buyerSeed);
const steps = [];
const pageErrors = [];
const foreignRequests = [];
const contexts = [];
const result = { hostAddress: host.address, buyerAddress: buyer.address };
let chain = null;
let agent = null;
let currentStep = 'launch';
let currentPage = null;
let failing = false;

const watchdog = setTimeout(() => {
  void fail(new Error(`the whole run took more than ${TOTAL_TIMEOUT_MS / 1000} s`));
}, TOTAL_TIMEOUT_MS);

try {
  await run();
  clearTimeout(watchdog);
  await closeBrowsers();
  printResult({ ok: true, steps, ...result, ms: Date.now() - started });
  process.exit(0);
} catch (error) {
  await fail(error);
}

async function run() {
  chain = (await callApi(options.base, 'GET', '/api/chain', null)).json;
  check(chain?.rpcUrl, `GET /api/chain names the cluster's RPC: ${JSON.stringify(chain)}`);
  const hostPage = await openBrowser(options.hostSeed);

  await step('host-signs-in', async () => {
    await hostPage.goto(`${options.base}/`);
    await expectVisible(hostPage.getByRole('heading', { level: 1 }));
    await shot(hostPage, 'home');
    await connectWallet(hostPage, host);
    await signInFromHeader(hostPage, host);
  });

  const command = await step('add-node', async () => {
    await nav(hostPage, 'Add a node');
    await hostPage.getByRole('button', { name: 'Generate registration token' }).click();
    const card = hostPage.getByRole('article', { name: 'Your registration token' });
    await expectVisible(card);
    const codes = await card.locator('pre code').allTextContents();
    const agentCommand = codes.find((code) => code.includes(' register --api ')) ?? '';
    check(agentCommand.startsWith('java -jar '), `an agent command among: ${codes.join(' | ')}`);
    await shot(hostPage, 'add-node');
    return agentCommand;
  });

  await step('agent-registers', async () => {
    agent = startAgent(command);
    result.agentPid = agent.pid;
    const card = hostPage.getByRole('article', { name: 'Your node is registered' });
    await expectVisible(card, SLOW_MS);
    await shot(hostPage, 'node-registered');
    await card.getByRole('link', { name: 'Open your node' }).click();
    await hostPage.waitForURL(/\/hosts\/nodes\/[0-9a-f-]{36}$/);
    result.nodeId = decodeURIComponent(new URL(hostPage.url()).pathname.split('/').pop());
  });

  await step('node-online', async () => {
    const row = hostPage.locator('table.data-table tbody tr').first();
    await nav(hostPage, 'My nodes');
    await expectText(row.locator('.badge'), 'online', SLOW_MS);
    // Hardware arrives with the first report after registration.
    await expectText(row.locator('td[data-label="CPU"]'), /\S/, SLOW_MS);
    result.nodeName = ((await row.getByRole('link').first().textContent()) ?? '').trim();
    await shot(hostPage, 'my-nodes');
    await row.getByRole('link').first().click();
    await expectVisible(hostPage.getByRole('heading', { level: 1 }));
    await expectText(hostPage.locator('main .badge').first(), 'online');
    // The agent benchmarks its OpenCL device and answers the server's challenge; a node without a
    // GPU is verified on its device and never listed. The panel polls every 15 s.
    const standing = hostPage.getByRole('region', { name: 'Market standing' });
    await expectText(standing.locator('.badge'), /^verified$/, SLOW_MS);
    await expectText(standing, /not listed/);
    await shot(hostPage, 'node');
  });

  await step('market', async () => {
    await nav(hostPage, 'Market');
    await expectVisible(hostPage.getByRole('heading', { level: 1, name: 'Marketplace' }));
    const offers = hostPage.locator('table.data-table tbody tr');
    await expectVisible(offers.first().or(hostPage.locator('.empty')));
    await shot(hostPage, 'market');
    if ((await offers.count()) > 0) {
      await offers.first().getByRole('link').first().click();
      await hostPage.waitForURL(/\/market\/[^/]+$/);
      await expectVisible(hostPage.getByRole('heading', { level: 2, name: 'Figures' }));
      await shot(hostPage, 'offer');
    }
  });

  await step('buyer-gets-tokens', async () => {
    const funded = await rpc('rigshare_faucet', {
      owner: buyer.address,
      amount: '20000000',
      lamports: 1_000_000_000,
    });
    check(funded !== undefined, 'the faucet answered');
  });

  const buyerPage = await openBrowser(options.buyerSeed);
  await step('buyer-signs-in', async () => {
    await buyerPage.goto(`${options.base}/balance`);
    await connectWallet(buyerPage, buyer);
    await signInFromHeader(buyerPage, buyer);
  });

  await step('deposit', async () => {
    const panel = buyerPage.getByRole('region', { name: 'Deposit', exact: true });
    await panel.getByLabel('Amount to deposit').fill(DEPOSIT_TOKENS);
    await panel.getByRole('button', { name: 'Create deposit' }).click();
    const pay = buyerPage.getByRole('button', { name: 'Pay with connected wallet' });
    await expectVisible(pay);
    await expectVisible(
      buyerPage.locator('.deposit__code svg, .deposit__code canvas, .deposit__code img'),
    );
    await shot(buyerPage, 'deposit-request');
    await pay.click();
    await expectVisible(
      buyerPage.getByText(`${DEPOSIT_TOKENS} tokens were added to your balance.`),
      SLOW_MS,
    );
    const calls = await buyerPage.evaluate(() => window.__rigshareTestWallet.calls);
    check(
      calls.signTransaction === 1,
      `the wallet signed one transaction: ${JSON.stringify(calls)}`,
    );
    const deposits = await api(buyerPage, 'GET', '/api/deposits');
    result.depositId = deposits.json?.items?.[0]?.id;
    check(deposits.json?.items?.[0]?.status === 'credited', `credited: ${deposits.text}`);
    await shot(buyerPage, 'balance');
  });

  await step('submit-job', async () => {
    await nav(buyerPage, 'Submit job');
    const form = buyerPage.getByRole('form', { name: 'New job' });
    await form.locator('#job-command').fill(JOB_COMMAND);
    await form.locator('#job-gpuCount').fill('0');
    await form.locator('#job-maxPrice').fill('2');
    await form.getByLabel('Hours').fill('0');
    await form.getByLabel('Minutes').fill('5');
    await shot(buyerPage, 'submit-job');
    await form.getByRole('button', { name: 'Submit job' }).click();
    await buyerPage.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    result.jobId = decodeURIComponent(new URL(buyerPage.url()).pathname.split('/').pop());
  });

  await step('job-output', async () => {
    const output = buyerPage.getByRole('region', { name: 'Job output' });
    for (const line of JOB_LINES) await expectText(output, line, SLOW_MS);
    await expectText(buyerPage.locator('.job-head .badge'), 'succeeded', SLOW_MS);
    await expectText(buyerPage.getByRole('region', { name: 'Billing' }), 'Settled:', SLOW_MS);
    await shot(buyerPage, 'job');
    await nav(buyerPage, 'My jobs');
    await expectText(buyerPage.locator('table.data-table tbody tr').first(), 'succeeded');
    await shot(buyerPage, 'my-jobs');
  });

  await step('phone-pages', async () => {
    await buyerPage.setViewportSize(PHONE);
    await buyerPage.goto(`${options.base}/jobs/${result.jobId}`);
    await expectText(buyerPage.getByRole('region', { name: 'Job output' }), JOB_LINES[2]);
    await shot(buyerPage, 'job-mobile');
    await buyerPage.goto(`${options.base}/market`);
    await expectVisible(buyerPage.getByRole('heading', { level: 1, name: 'Marketplace' }));
    await shot(buyerPage, 'market-mobile');
    await buyerPage.setViewportSize(DESKTOP);
  });

  await step('host-paid', async () => {
    const payout = await waitFor(async () => {
      const items = (await api(hostPage, 'GET', '/api/payouts')).json?.items ?? [];
      return items.find((p) => p.status === 'confirmed' && p.signature);
    }, 'a confirmed payout to the host');
    result.payoutSignature = payout.signature;
    result.payoutAmount = payout.amount;
    await nav(hostPage, 'Earnings');
    const earned = hostPage.locator('.balance__main dd');
    await expectVisible(earned);
    const text = (await earned.textContent()) ?? '';
    check(/[1-9]/.test(text), `earned more than 0: "${text}"`);
    const payouts = hostPage.getByRole('region', { name: 'Payouts' });
    const link = payouts.getByRole('link', { name: `Transaction ${payout.signature.slice(0, 8)}` });
    await expectVisible(link);
    await expectText(payouts.locator('tbody tr').first(), 'confirmed');
    check((await link.getAttribute('title')) === payout.signature, 'the link names the signature');
    await shot(hostPage, 'earnings');
  });

  await step('operator', async () => {
    await nav(hostPage, 'Operator');
    await expectVisible(hostPage.getByRole('heading', { level: 1, name: 'Operator' }));
    await expectVisible(hostPage.getByRole('rowheader', { name: result.nodeName }).first());
    await shot(hostPage, 'operator');
  });

  await step('clean-pages', async () => {
    check(foreignRequests.length === 0, `requests left the app and its RPC: ${foreignRequests}`);
    check(pageErrors.length === 0, `uncaught errors in the pages: ${pageErrors.join(' | ')}`);
  });
}

function readFlowOptions() {
  const usage =
    'usage: node flow.e2e.mjs --base URL --host-seed HEX64 --buyer-seed HEX64 --screenshots DIR' +
    ' --agent-dir DIR --agent-home DIR --agent-pid-file FILE';
  const names = ['base', 'host-seed', 'buyer-seed', 'screenshots', 'agent-dir', 'agent-home'];
  const { values } = parseArgs({
    options: Object.fromEntries([...names, 'agent-pid-file'].map((n) => [n, { type: 'string' }])),
  });
  const missing = [...names, 'agent-pid-file'].filter((n) => !values[n]);
  const badSeed = ['host-seed', 'buyer-seed'].filter(
    (n) => !/^[0-9a-f]{64}$/i.test(values[n] ?? ''),
  );
  if (missing.length || badSeed.length) {
    printResult({
      ok: false,
      step: 'options',
      error: `${usage} (missing or bad: ${[...missing, ...badSeed]})`,
    });
    process.exit(1);
  }
  return {
    base: values.base.replace(/\/$/, ''),
    hostSeed: values['host-seed'].toLowerCase(),
    buyerSeed: values['buyer-seed'].toLowerCase(),
    screenshots: values.screenshots,
    agentDir: values['agent-dir'],
    agentHome: values['agent-home'],
    agentPidFile: values['agent-pid-file'],
  };
}

async function openBrowser(seed) {
  const { context, page } = await launchWithWallet({
    seed,
    allowedOrigins: () => [options.base, new URL(chain.rpcUrl).origin],
    pageErrors,
    foreignRequests,
  });
  contexts.push(context);
  currentPage = page;
  return page;
}

/** Runs the page's command as a person would paste it: through a shell, in the agent's folder. */
function startAgent(command) {
  const log = openSync(join(options.agentHome, '..', 'flow-agent.log'), 'a');
  const child = spawn(command, {
    shell: true,
    cwd: options.agentDir,
    env: { ...process.env, RIGSHARE_AGENT_HOME: options.agentHome },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  writeFileSync(options.agentPidFile, `${child.pid}\n`);
  child.unref();
  return child;
}

function stopAgent() {
  if (!agent) return;
  try {
    process.kill(-agent.pid, 'SIGKILL'); // the shell and the JVM: the whole group
  } catch {
    // Already gone.
  }
  agent = null;
}

async function nav(page, name) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name, exact: true })
    .click();
  await expectVisible(page.getByRole('heading', { level: 1 }));
}

async function step(name, body) {
  currentStep = name;
  const value = await body();
  steps.push(name);
  return value;
}

async function storedToken(page) {
  const raw = await page.evaluate((key) => window.localStorage.getItem(key), SESSION_KEY);
  return raw === null ? null : JSON.parse(raw).token;
}

async function api(page, method, path) {
  return callApi(options.base, method, path, await storedToken(page));
}

async function rpc(method, params) {
  const response = await fetch(chain.rpcUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  const reply = await response.json();
  check(!reply.error, `${method}: ${JSON.stringify(reply.error)}`);
  return reply.result;
}

async function waitFor(probe, what, timeout = SLOW_MS) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
}

async function shot(page, name) {
  currentPage = page;
  if (!name.startsWith('failure-')) {
    // Toasts fade by themselves after a few seconds; the flow is faster, and they would hide
    // what the page shows. A failure's screenshot keeps them: they often say why.
    for (const close of await page.locator('.toast__close').all()) {
      await close.click({ timeout: 1_000 }).catch(() => undefined); // it may have just faded
    }
  }
  await screenshot(page, join(options.screenshots, `${name}.png`));
}

async function closeBrowsers() {
  await Promise.all(contexts.map(closeContext));
  contexts.length = 0;
}

async function fail(error) {
  // The watchdog and the main flow can both fail the run: report the first only.
  if (failing) return;
  failing = true;
  clearTimeout(watchdog);
  const failedStep = currentStep;
  stopAgent();
  const page = currentPage;
  if (page) {
    await Promise.race([
      shot(page, `failure-${failedStep}`).catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]);
  }
  const verdict = await failureVerdict(page, failedStep, error, pageErrors);
  await closeBrowsers();
  printResult({ ...verdict, ...result });
  process.exit(1);
}
