/** Jobs as the API documents them (docs/openapi.yaml `JobView`, `JobDetail`, `NodeJob`). */
import { NODE_ID } from './nodeFixtures';

export const JOB_ID = '5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10';
export const OTHER_NODE_ID = '7d2e9f10-1c44-4f0b-9a3e-5b6c7d8e9f01';
export const NODE_KEY = 'TL6VR87Pbkt7Kd3yLjYapd9KSNR9kgfVWVSaiq9Jx92';
export const RESULT_SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
export const SIGNATURE =
  '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW';

export function jobView(overrides: Record<string, unknown> = {}) {
  return {
    id: JOB_ID,
    state: 'running',
    reason: null,
    runtime: {
      type: 'process',
      command: 'python3 train.py --epochs 3',
      image: null,
      env: { EPOCHS: '3', HF_TOKEN: 'hf_secret' },
      network: null,
    },
    requirements: { gpuCount: 1, minVramGb: 16, gpuModels: ['RTX 4090'], minScore: 0 },
    maxPricePerHour: 2_000_000,
    timeLimitSeconds: 3600,
    startDeadline: null,
    targetNodeId: null,
    attempt: 1,
    nodeId: NODE_ID,
    gpus: [0],
    pricePerHour: 1_500_000,
    cancelRequested: false,
    createdAt: '2026-03-01T11:50:00.000Z',
    queuedAt: '2026-03-01T11:50:00.000Z',
    assignedAt: '2026-03-01T11:50:01.000Z',
    startedAt: '2026-03-01T11:50:02.000Z',
    finishedAt: null,
    durationMs: null,
    exitCode: null,
    outputBytes: null,
    outputSha256: null,
    outputTruncated: null,
    logBytes: 0,
    logsTruncated: false,
    receipt: null,
    ...overrides,
  };
}

export const RECEIPT = {
  attempt: 1,
  nodeKey: NODE_KEY,
  outcome: 'succeeded',
  exitCode: 0,
  startedAt: '2026-03-01T11:50:02.000Z',
  endedAt: '2026-03-01T11:55:02.000Z',
  outputBytes: 2048,
  resultSha256: RESULT_SHA,
  signature: SIGNATURE,
  verifiedAt: '2026-03-01T11:55:03.000Z',
};

export function succeededJob(overrides: Record<string, unknown> = {}) {
  return jobView({
    state: 'succeeded',
    reason: 'exited with 0',
    finishedAt: '2026-03-01T11:55:02.000Z',
    durationMs: 300_000,
    exitCode: 0,
    outputBytes: 2048,
    outputSha256: RESULT_SHA,
    outputTruncated: false,
    logBytes: 2048,
    receipt: RECEIPT,
    ...overrides,
  });
}

export function jobDetail(job = jobView(), role: 'buyer' | 'host' = 'buyer') {
  return {
    job,
    role,
    attempts: [
      {
        attempt: 1,
        nodeId: NODE_ID,
        gpus: [0],
        queuedAt: '2026-03-01T11:50:00.000Z',
        assignedAt: '2026-03-01T11:50:01.000Z',
        startedAt: '2026-03-01T11:50:02.000Z',
        endedAt: job.finishedAt ?? null,
        outcome: job.state === 'succeeded' ? 'succeeded' : null,
        reason: null,
      },
    ],
    transitions: [
      { attempt: 0, at: '2026-03-01T11:50:00.000Z', from: null, to: 'queued', reason: 'submitted' },
      {
        attempt: 1,
        at: '2026-03-01T11:50:01.000Z',
        from: 'queued',
        to: 'assigned',
        reason: 'matched to rig-01',
      },
      {
        attempt: 1,
        at: '2026-03-01T11:50:02.000Z',
        from: 'assigned',
        to: 'running',
        reason: 'started',
      },
    ],
  };
}

export function jobPage(items: unknown[], total = items.length, size = 20) {
  return { items, page: 0, size, total };
}

export const CHAIN = {
  cluster: 'localnet',
  rpcUrl: 'http://localhost:8899',
  mint: 'So11111111111111111111111111111111111111112',
  decimals: 6,
  treasury: NODE_KEY,
  explorerUrl: '',
};

/** `GET /api/queue/stats` (docs/openapi.yaml `QueueStats`). */
export const QUEUE_STATS = {
  counts: {
    queued: 3,
    assigned: 1,
    running: 12,
    succeeded: 480,
    failed: 9,
    cancelled: 4,
    timed_out: 1,
    expired: 0,
  },
  oldestQueuedAgeSeconds: 42,
  dispatchLatency: { samples: 57, p50Ms: 840, p90Ms: 2300, p99Ms: 6100, maxMs: 7020 },
  windowSeconds: 900,
  at: '2026-03-01T12:00:00Z',
};
