#!/usr/bin/env node
// rigshare-localnet: a local Solana JSON-RPC node (litesvm inside) for tests and the demo.
// Prints one JSON line to stdout when ready; everything else goes to stderr. See README.md.
import path from 'node:path';
import { LocalNode } from './src/node.js';
import { Store } from './src/store.js';
import { openLedger } from './src/setup.js';
import { RpcHandler } from './src/rpc/index.js';
import { createHttpServer, PubSub } from './src/transport.js';

const USAGE = `usage: node server.js [--port 8899] [--host 127.0.0.1] [--data-dir DIR] [--ws-port N]
       [--mint-decimals 6] [--treasury-tokens 1000000000] [--slot-ms 400] [--flush-ms 100]
       [--max-body 1048576] [--fresh] [--quiet] [--exit-with-stdin]`;

function parseArgs(argv) {
  const opts = { port: 8899, host: '127.0.0.1', dataDir: 'localnet-data', wsPort: null, decimals: 6, treasuryTokens: 1_000_000_000n, slotMs: 400, flushMs: 100, maxBody: 1 << 20, fresh: false, quiet: false, exitWithStdin: false };
  const ints = { '--port': 'port', '--ws-port': 'wsPort', '--mint-decimals': 'decimals', '--slot-ms': 'slotMs', '--flush-ms': 'flushMs', '--max-body': 'maxBody' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag in ints) {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) throw new Error(`${flag} must be a non-negative integer`);
      opts[ints[flag]] = v;
    } else if (flag === '--host') opts.host = value();
    else if (flag === '--data-dir') opts.dataDir = value();
    else if (flag === '--treasury-tokens') opts.treasuryTokens = BigInt(value());
    else if (flag === '--fresh') opts.fresh = true;
    else if (flag === '--quiet') opts.quiet = true;
    else if (flag === '--exit-with-stdin') opts.exitWithStdin = true;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (opts.port > 65535 || (opts.wsPort ?? 0) > 65535) throw new Error('ports must be 0..65535');
  return opts;
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

const close = (server) => new Promise((resolve) => server.close(() => resolve()));

/** RPC on --port; WebSocket on --ws-port, else rpc port + 1 (Agave), else the RPC port itself. */
async function bind(rpcServer, wsServer, opts, log) {
  if (opts.wsPort !== null && opts.wsPort === opts.port && opts.port !== 0) {
    const rpcPort = await listen(rpcServer, opts.port, opts.host);
    return { rpcPort, wsPort: rpcPort };
  }
  if (opts.wsPort !== null) {
    const rpcPort = await listen(rpcServer, opts.port, opts.host);
    return { rpcPort, wsPort: await listen(wsServer, opts.wsPort, opts.host) };
  }
  for (let attempt = 0; attempt < (opts.port === 0 ? 20 : 1); attempt++) {
    const rpcPort = await listen(rpcServer, opts.port, opts.host);
    if (rpcPort < 65535) {
      try {
        return { rpcPort, wsPort: await listen(wsServer, rpcPort + 1, opts.host) };
      } catch (e) {
        if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') throw e;
      }
    }
    if (opts.port !== 0) {
      log(`port ${rpcPort + 1} unavailable: WebSocket served on the RPC port only`);
      return { rpcPort, wsPort: rpcPort };
    }
    await close(rpcServer);
  }
  const rpcPort = await listen(rpcServer, 0, opts.host);
  return { rpcPort, wsPort: rpcPort };
}

async function main() {
  const started = performance.now();
  const opts = parseArgs(process.argv.slice(2));
  const log = opts.quiet ? () => {} : (msg) => process.stderr.write(`[localnet] ${msg}\n`);
  const dataDir = path.resolve(opts.dataDir);
  const node = new LocalNode({ log });
  node.slotMs = opts.slotMs;
  const store = new Store(dataDir);
  const { config, firstRun, records } = openLedger(node, store, { decimals: opts.decimals, treasuryTokens: opts.treasuryTokens, fresh: opts.fresh, log });

  let urls = {};
  const info = () => ({
    ready: true,
    rpcUrl: urls.rpcUrl,
    wsUrl: urls.wsUrl,
    mint: config.mint,
    decimals: config.decimals,
    tokenProgram: config.tokenProgram,
    treasury: config.treasury,
    treasuryTokenAccount: config.treasuryTokenAccount,
    treasuryKeypairPath: store.file('treasury.json'),
    faucet: config.faucet,
    faucetKeypairPath: store.file('faucet.json'),
    dataDir,
    genesisHash: config.genesisHash,
    slot: node.chain.slot,
    firstRun,
  });
  const rpc = new RpcHandler(node, info, log);
  const rpcServer = createHttpServer(rpc, { maxBody: opts.maxBody, log });
  const pubsub = new PubSub(node, { maxBody: opts.maxBody, log });
  pubsub.attach(rpcServer);
  const wsServer = createHttpServer({ handleText: () => null }, { maxBody: 0, log });
  pubsub.attach(wsServer);
  const { rpcPort, wsPort } = await bind(rpcServer, wsServer, opts, log);
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  urls = { rpcUrl: `http://${host}:${rpcPort}`, wsUrl: `ws://${host}:${wsPort}` };

  const timers = [];
  if (opts.slotMs > 0) timers.push(setInterval(() => node.advance(1), opts.slotMs));
  let lastChainWrite = 0;
  const flush = (force = false) => {
    const now = Date.now();
    const pending = node.history.pending.length > 0 || node.dirty.size > 0;
    if (!force && !pending && now - lastChainWrite < 1000) return;
    try {
      if (store.flush(node, { force })) lastChainWrite = now;
    } catch (e) {
      log(`persist failed: ${e.stack ?? e}`);
    }
  };
  timers.push(setInterval(() => flush(), Math.max(10, opts.flushMs)));

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    timers.forEach(clearInterval);
    flush(true);
    pubsub.close();
    rpcServer.closeAllConnections?.();
    await Promise.all([close(rpcServer), wsPort !== rpcPort ? close(wsServer) : null]);
    log(`stopped (${signal})`);
    process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? e}`));
  if (opts.exitWithStdin) {
    // A parent that dies closes our stdin: stop rather than linger holding the ports.
    process.stdin.on('end', () => shutdown('stdin closed'));
    process.stdin.on('error', () => shutdown('stdin closed'));
    process.stdin.resume();
  }

  const ms = Math.round(performance.now() - started);
  log(`${firstRun ? 'created' : 'restored'} ledger in ${dataDir} (${records} transactions) in ${ms} ms`);
  process.stdout.write(JSON.stringify({ ...info(), startupMs: ms }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`[localnet] failed to start: ${e.stack ?? e}\n`);
  process.exit(1);
});
