/* Helpers for the browser end-to-end scripts: bounded waits, checks and command-line options. */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The longest any single wait may take. */
export const STEP_TIMEOUT_MS = 15_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function expectVisible(locator, timeout = STEP_TIMEOUT_MS) {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/** Polls until the element's text matches (a substring or a RegExp), within the timeout. */
export async function expectText(locator, expected, timeout = STEP_TIMEOUT_MS) {
  const target = locator.first();
  await target.waitFor({ state: 'visible', timeout });
  const matches = (text) =>
    typeof expected === 'string' ? text.includes(expected) : expected.test(text);
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = (await target.textContent({ timeout })) ?? '';
    if (matches(text)) return;
    await sleep(100);
  }
  throw new Error(`expected text ${expected} but found "${text.trim()}"`);
}

export async function expectCount(locator, count, timeout = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let actual = -1;
  while (Date.now() < deadline) {
    actual = await locator.count();
    if (actual === count) return;
    await sleep(100);
  }
  throw new Error(`expected ${count} element(s), found ${actual}`);
}

export function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
}

/** Calls the Rigshare API from Node with a bearer token: { status, json, text }. */
export async function callApi(base, method, path, token) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the checks quote the text.
  }
  return { status: response.status, json, text };
}

/** A full-page screenshot once transitions finished, so a fading modal or toast shows as it ends up. */
export async function screenshot(page, path) {
  await page.screenshot({ path, fullPage: true, animations: 'disabled', timeout: STEP_TIMEOUT_MS });
}

/**
 * A failed run's verdict: the step, the error's first line, what the app told the person in toasts
 * (it usually says why) and the first page errors. It reads the page: call it before closing it.
 */
export async function failureVerdict(page, step, error, pageErrors) {
  const toasts = await Promise.race([
    page
      ?.locator('.toast')
      .allInnerTexts()
      .catch(() => []) ?? [],
    sleep(2_000).then(() => []),
  ]);
  const message = error instanceof Error ? error.message : String(error);
  const verdict = { ok: false, step, error: message.split('\n')[0].slice(0, 500) };
  if (toasts.length) verdict.toasts = toasts.map((t) => t.replace(/\s+/g, ' ').trim());
  if (pageErrors.length) verdict.pageErrors = pageErrors.slice(0, 5);
  return verdict;
}

/** Prints the run's one-line JSON verdict. */
export function printResult(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** --base, --seed, --screenshots and --mode; prints a failure verdict and exits 1 when they are wrong. */
export function readOptions(argv = process.argv.slice(2)) {
  const usage =
    'usage: node signin.e2e.mjs --base http://localhost:PORT --seed HEX64 --screenshots DIR [--mode signIn|signMessage]';
  const refuse = (error) => {
    printResult({ ok: false, step: 'arguments', error: `${error}; ${usage}` });
    process.exit(1);
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        base: { type: 'string' },
        seed: { type: 'string' },
        screenshots: { type: 'string' },
        mode: { type: 'string', default: 'signIn' },
      },
    }));
  } catch (error) {
    refuse(error.message);
  }
  const problems = [];
  if (!/^https?:\/\/[^/]+\/?$/.test(values.base ?? '')) problems.push('--base must be an origin');
  if (!/^[0-9a-fA-F]{64}$/.test(values.seed ?? '')) problems.push('--seed must be 64 hex digits');
  if (!values.screenshots) problems.push('--screenshots is required');
  if (!['signIn', 'signMessage'].includes(values.mode)) {
    problems.push('--mode must be signIn or signMessage');
  }
  if (problems.length) refuse(problems.join('; '));
  mkdirSync(values.screenshots, { recursive: true });
  return {
    base: values.base.replace(/\/$/, ''),
    seed: values.seed.toLowerCase(),
    screenshots: values.screenshots,
    mode: values.mode,
  };
}
