// Starts the real server as a child process on port 0 and talks to it over HTTP.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection, Keypair } from '@solana/web3.js';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server.js');

const tempDirs = [];
process.on('exit', () => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A data dir removed when the test process exits. */
export function tempDir(prefix = 'localnet-test-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Spawns server.js and resolves once its ready line arrives. */
export function startServer({ dataDir = tempDir(), args = [] } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER, '--port', '0', '--data-dir', dataDir, '--quiet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready in 15 s; stderr: ${stderr}`));
    }, 15000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}; stderr: ${stderr}`));
    });
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const info = JSON.parse(buf.slice(0, nl));
      const readyMs = performance.now() - started;
      resolve(new ServerHandle(child, info, dataDir, readyMs, () => stderr));
    });
  });
}

export class ServerHandle {
  constructor(child, info, dataDir, readyMs, stderr) {
    this.child = child;
    this.info = info;
    this.dataDir = dataDir;
    this.readyMs = readyMs;
    this.stderr = stderr;
    this.connection = new Connection(info.rpcUrl, { commitment: 'confirmed', wsEndpoint: info.wsUrl, disableRetryOnRateLimit: true });
  }

  treasury() {
    return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(this.info.treasuryKeypairPath, 'utf8'))));
  }

  /** One JSON-RPC call; returns the whole response object ({ result } or { error }). */
  async call(method, params) {
    const res = await fetch(this.info.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    return res.json();
  }

  async result(method, params) {
    const r = await this.call(method, params);
    if (r.error) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.result;
  }

  async post(body, headers = { 'content-type': 'application/json' }) {
    const res = await fetch(this.info.rpcUrl, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  }

  /** Closes web3.js's WebSocket for good (it otherwise reconnects forever once the server is gone). */
  closeClient() {
    const ws = this.connection._rpcWebSocket;
    if (ws) {
      ws.reconnect = false;
      ws.close();
    }
  }

  stop(signal = 'SIGTERM') {
    this.closeClient();
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve(this.child.exitCode);
      this.child.removeAllListeners('exit');
      this.child.once('exit', (code) => resolve(code));
      this.child.kill(signal);
    });
  }
}

export async function waitFor(predicate, { timeoutMs = 10000, intervalMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await predicate();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
