// Jobs, their logs and the queue (docs/openapi.yaml `JobView`, `JobDetail`, `LogChunk`, ...).
// Amounts are integers of base units of the reward token (`decimals` in GET /api/chain). The server
// caps them at 10^15, so a JSON number holds them exactly; the app turns them into BigInt to compute.

import type { JobBilling, JobWaiting } from './paymentTypes';

export type JobState =
  | 'queued'
  | 'assigned'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'timed_out'
  | 'expired';

export type JobRuntimeType = 'process' | 'container';

export type AttemptOutcome =
  'succeeded' | 'failed' | 'timed_out' | 'cancelled' | 'rejected' | 'lost';

export interface JobRuntimeRequest {
  type: JobRuntimeType;
  command?: string;
  image?: string;
  env?: Record<string, string>;
  network?: boolean;
}

export interface JobRequirementsRequest {
  gpuCount: number;
  minVramGb?: number;
  gpuModels?: string[];
  minScore?: number;
}

export interface SubmitJobRequest {
  runtime: JobRuntimeRequest;
  requirements: JobRequirementsRequest;
  /** Base units per hour. */
  maxPricePerHour: number;
  timeLimitSeconds: number;
  startDeadline?: string;
  nodeId?: string;
}

export interface JobRuntimeView {
  type: JobRuntimeType;
  command: string | null;
  image: string | null;
  /** A host reading another wallet's job sees every value as `***`. */
  env: Record<string, string> | null;
  network: boolean | null;
}

export interface JobRequirementsView {
  gpuCount: number;
  minVramGb: number | null;
  gpuModels: string[] | null;
  minScore: number | null;
}

/** The usage receipt signed by the node key that finished the job. */
export interface JobReceipt {
  attempt: number;
  nodeKey: string;
  outcome: 'succeeded' | 'failed' | 'timed_out' | 'cancelled';
  exitCode: number | null;
  startedAt: string;
  endedAt: string;
  outputBytes: number;
  resultSha256: string;
  /** Base58 ed25519 signature of the receipt text. */
  signature: string;
  verifiedAt: string;
}

export interface JobView {
  id: string;
  state: JobState;
  reason: string | null;
  runtime: JobRuntimeView;
  requirements: JobRequirementsView;
  maxPricePerHour: number;
  timeLimitSeconds: number;
  startDeadline: string | null;
  targetNodeId: string | null;
  /** From 1; 0 until first assigned. */
  attempt: number;
  nodeId: string | null;
  gpus: number[];
  /** Fixed when the attempt was matched; null while queued. */
  pricePerHour: number | null;
  /** The buyer asked to cancel; a running job ends when its node reports. */
  cancelRequested: boolean;
  createdAt: string;
  queuedAt: string;
  assignedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  exitCode: number | null;
  outputBytes: number | null;
  outputSha256: string | null;
  outputTruncated: boolean | null;
  logBytes: number;
  logsTruncated: boolean;
  /** Always null in lists; read the job for it. */
  receipt: JobReceipt | null;
  /** The escrow and what became of it; null before any was held (absent from older servers). */
  billing?: JobBilling | null;
  /** Why a queued job is not matched yet (e.g. `INSUFFICIENT_BALANCE`); null otherwise. */
  waiting?: JobWaiting | null;
}

export interface JobAttempt {
  attempt: number;
  nodeId: string;
  gpus: number[];
  queuedAt: string;
  assignedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Null while the attempt lasts. */
  outcome: AttemptOutcome | null;
  reason: string | null;
}

export interface JobTransition {
  attempt: number;
  at: string;
  /** Null for the submission. */
  from: JobState | null;
  to: JobState;
  reason: string;
}

export type JobRole = 'buyer' | 'host';

export interface JobDetail {
  job: JobView;
  role: JobRole;
  /** Oldest first. */
  attempts: JobAttempt[];
  /** Oldest first. */
  transitions: JobTransition[];
}

export interface JobPage {
  items: JobView[];
  page: number;
  size: number;
  total: number;
}

/** One attempt that ran (or was assigned) on a node: the host's job history. */
export interface NodeJob {
  jobId: string;
  attempt: number;
  jobState: JobState;
  runtimeType: JobRuntimeType;
  gpus: number[];
  assignedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  outcome: AttemptOutcome | null;
  reason: string | null;
  pricePerHour: number | null;
}

export interface NodeJobPage {
  items: NodeJob[];
  page: number;
  size: number;
  total: number;
}

export type LogStream = 'stdout' | 'stderr';

export interface LogChunk {
  attempt: number;
  /** Numbers the attempt's chunks from 0 across both streams, in output order. */
  seq: number;
  stream: LogStream;
  at: string;
  data: string;
}

/** The data of the stream's final `end` event. */
export interface LogEnd {
  state: JobState;
  truncated: boolean;
}

export interface QueueStats {
  /** Jobs per state; every state is present. */
  counts: Record<JobState, number>;
  oldestQueuedAgeSeconds: number | null;
  dispatchLatency: {
    samples: number;
    p50Ms: number | null;
    p90Ms: number | null;
    p99Ms: number | null;
    maxMs: number | null;
  };
  windowSeconds: number;
  at: string;
}

export interface ChainInfo {
  cluster: string;
  rpcUrl: string;
  mint: string;
  decimals: number;
  treasury: string;
  explorerUrl: string;
}
