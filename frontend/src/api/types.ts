import type { JobRuntimeType } from './jobTypes';

/** The SIWS fields the server asks the wallet to sign (CAIP-122 / Sign-In With Solana). */
export interface SignInInputFields {
  domain: string;
  address: string;
  statement?: string;
  uri?: string;
  version?: string;
  chainId?: string;
  nonce?: string;
  issuedAt?: string;
  expirationTime?: string;
}

export interface ChallengeResponse {
  message: string;
  nonce: string;
  expiresAt: string;
  input: SignInInputFields;
}

export interface SessionRequest {
  address: string;
  message: string;
  /** base58 of the 64-byte ed25519 signature */
  signature: string;
}

export interface SessionResponse {
  token: string;
  address: string;
  expiresAt: string;
}

export interface MeResponse {
  address: string;
  /** The wallet may see the operator's pages (absent from older servers: false). */
  operator?: boolean;
}

export interface CreatedNodeToken {
  id: string;
  token: string;
  expiresAt: string;
  /** The plain command line that runs the agent and registers the node. */
  agentCommand: string;
  /** One line that downloads the agent from this API and installs it as a systemd service. */
  installCommand: string;
}

export interface NodeTokenSummary {
  id: string;
  createdAt: string;
  expiresAt: string;
}

export interface NodeTokenList {
  tokens: NodeTokenSummary[];
}

/** The fate of a registration token: `nodeId` is set once a node registered with it. */
export type NodeTokenState = 'pending' | 'used' | 'expired' | 'revoked';

export interface NodeTokenStatus {
  id: string;
  state: NodeTokenState;
  createdAt: string;
  expiresAt: string;
  nodeId?: string | null;
}

// ---- Nodes (docs/openapi.yaml `Node`, docs/protocol.md sections 6 and 7) ----------------------

export type NodeState = 'installing' | 'online' | 'offline' | 'maintenance' | 'deleted';

export interface OsInfo {
  family: string;
  version: string;
  arch: string;
}

export interface CpuInfo {
  model: string;
  /** 0 when unknown */
  physicalCores: number;
  /** 0 when unknown */
  logicalThreads: number;
  /** 0 when unknown */
  maxFreqMhz: number;
}

export interface MemoryInfo {
  totalBytes: number;
  availableBytes: number;
}

export interface DiskInfo {
  mount: string;
  fsType: string;
  totalBytes: number;
  usableBytes: number;
}

export interface GpuInfo {
  index: number;
  vendor: 'nvidia' | 'amd' | 'intel' | 'other';
  name: string;
  uuid?: string | null;
  /** 0 when not reported (e.g. unified memory) */
  memoryTotalMib: number;
  memoryFreeMib?: number | null;
  utilizationPercent?: number | null;
  temperatureC?: number | null;
  powerDrawW?: number | null;
  powerLimitW?: number | null;
  driverVersion?: string | null;
  cudaVersion?: string | null;
  source: string;
}

/** The agent's HardwareReport. Readings a tool does not report are absent or null. */
export interface HardwareReport {
  hostname?: string | null;
  os?: OsInfo | null;
  cpu?: CpuInfo | null;
  memory?: MemoryInfo | null;
  disks?: DiskInfo[] | null;
  gpus?: GpuInfo[] | null;
  collectedAt?: string | null;
}

export interface GpuLimit {
  index: number;
  offered: boolean;
  /** 1..100 */
  vramPercent: number;
}

/** Null or absent fields mean no limit. */
export interface NodeLimits {
  cpuCores?: number | null;
  memoryBytes?: number | null;
  diskBytes?: number | null;
  gpus?: GpuLimit[] | null;
}

export interface Node {
  id: string;
  name: string;
  state: NodeState;
  nodeKey: string;
  hardware: HardwareReport | null;
  lastHeartbeatAt: string | null;
  agentVersion: string | null;
  limits: NodeLimits | null;
  limitsVersion: number;
  limitsAcknowledged: boolean;
  limitsError: string | null;
  /** Whether an agent connection currently speaks for the node (also in maintenance). */
  connected?: boolean;
  /** The job runners the agent offered when it last connected; empty before it ever did. */
  runners?: JobRuntimeType[];
  /** Base units of the reward token per GPU-hour: the owner's, or the operator's default. */
  pricePerGpuHour?: number;
  /** The benchmark challenge's verdict, and why when it failed. */
  verification?: Verification;
  verificationReason?: string | null;
  /** The per-GPU benchmark score; null without one (a node without a GPU never has one). */
  score?: number | null;
  createdAt: string;
}

/** A node's verification: `pending` (never challenged), `verified`, or `unverified` (with a reason). */
export type Verification = 'pending' | 'verified' | 'unverified';

/** The parts of a node's reliability, each in [0, 1] (docs/openapi.yaml, ReliabilityParts). */
export interface ReliabilityParts {
  basisPoints: number;
  uptime: number;
  jobSuccess: number;
  stability: number;
  attempts: number;
}

/** A node against the market, for its owner (`GET /api/nodes/{id}/market`); amounts in base units. */
export interface NodeMarket {
  nodeId: string;
  gpuModel: string | null;
  gpuCount: number;
  /** The per-GPU benchmark score; null without one. */
  score: number | null;
  pricePerGpuHour: number;
  priceSource: 'owner' | 'benchmark' | 'default';
  /** The prices per GPU-hour the owner may ask. */
  bounds: { min: number; max: number };
  suggestedPricePerGpuHour: number;
  /** Base units per score unit per GPU-hour, a decimal string; null without comparable nodes. */
  marketMedianPerScoreUnitHour: string | null;
  comparableNodes: number;
  queuedJobsItCouldRun: number;
  /** Basis points; null until first computed. */
  reliability: number | null;
  reliabilityParts: ReliabilityParts | null;
  verification: Verification;
  verificationReason: string | null;
  verifiedAt: string | null;
  listed: boolean;
  idleReasons: string[];
}

export interface NodeTransition {
  at: string;
  fromState: string | null;
  toState: string;
  reason: string;
}

export interface NodeDetail {
  node: Node;
  /** The last 100 changes of state, newest first. */
  transitions: NodeTransition[];
}

export interface NodePage {
  items: Node[];
  page: number;
  size: number;
  total: number;
}

/** Any subset: a rename, maintenance on or off, new limits. */
export interface NodeUpdate {
  name?: string;
  maintenance?: boolean;
  limits?: NodeLimits;
  /** Base units per GPU-hour; applies to jobs matched from then on. */
  pricePerGpuHour?: number;
}

/** One sample: `gpuIndex` >= 0 is a GPU, -1 carries host CPU and memory. */
export interface TelemetryPoint {
  at: string;
  gpuIndex: number;
  utilizationPercent?: number | null;
  temperatureC?: number | null;
  memoryUsedMib?: number | null;
  memoryTotalMib?: number | null;
  powerDrawW?: number | null;
  cpuLoadPercent?: number | null;
  memoryUsedBytes?: number | null;
}

export interface Telemetry {
  nodeId: string;
  from: string;
  to: string;
  resolutionSeconds: number;
  points: TelemetryPoint[];
}
