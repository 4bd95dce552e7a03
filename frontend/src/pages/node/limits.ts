import type { HardwareReport, Node, NodeLimits } from '../../api';
import { GIB, wholeGib } from '../../format';

/** What the sliders may range over, from the node's hardware report. */
export interface LimitsBounds {
  maxCores: number;
  /** 0 when the agent did not report memory: no RAM slider then. */
  memoryTotalBytes: number;
  maxMemoryGib: number;
  gpus: { index: number; name: string }[];
}

export interface GpuLimitValues {
  index: number;
  name: string;
  offered: boolean;
  vramPercent: number;
}

export interface LimitsValues {
  cpuCores: number;
  memoryGib: number;
  /** Whole GiB as typed; empty means no limit. */
  diskGib: string;
  gpus: GpuLimitValues[];
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function boundsOf(hardware: HardwareReport): LimitsBounds {
  const cpu = hardware.cpu;
  const memoryTotalBytes = hardware.memory?.totalBytes ?? 0;
  return {
    maxCores: Math.max(1, cpu?.logicalThreads || cpu?.physicalCores || 1),
    memoryTotalBytes,
    maxMemoryGib: Math.max(memoryTotalBytes > 0 ? 1 : 0, wholeGib(memoryTotalBytes)),
    gpus: [...(hardware.gpus ?? [])]
      .sort((a, b) => a.index - b.index)
      .map((g) => ({ index: g.index, name: g.name })),
  };
}

/** The form as the node's current limits set it; no limit reads as "everything". */
export function initialValues(limits: NodeLimits | null, bounds: LimitsBounds): LimitsValues {
  const gpuLimits = limits?.gpus ?? [];
  return {
    cpuCores: clamp(limits?.cpuCores ?? bounds.maxCores, 1, bounds.maxCores),
    memoryGib:
      limits?.memoryBytes == null
        ? bounds.maxMemoryGib
        : clamp(
            wholeGib(limits.memoryBytes),
            Math.min(1, bounds.maxMemoryGib),
            bounds.maxMemoryGib,
          ),
    diskGib: limits?.diskBytes == null ? '' : String(wholeGib(limits.diskBytes)),
    gpus: bounds.gpus.map(({ index, name }) => {
      const limit = gpuLimits.find((g) => g.index === index);
      return {
        index,
        name,
        offered: limit?.offered ?? true,
        vramPercent: clamp(limit?.vramPercent ?? 100, 1, 100),
      };
    }),
  };
}

/** Why the disk field cannot be sent, or null when it is fine. */
export function diskProblem(diskGib: string): string | null {
  const text = diskGib.trim();
  if (text === '') return null;
  return /^\d{1,9}$/.test(text)
    ? null
    : 'Enter a whole number of GiB, or leave it empty for no limit.';
}

/**
 * The `limits` of the PATCH body. Sizes are integers of bytes: the RAM slider's last stop is the
 * exact total (which need not be a whole number of GiB); an empty disk field means no limit.
 */
export function toLimits(values: LimitsValues, bounds: LimitsBounds): NodeLimits {
  const disk = values.diskGib.trim();
  let memoryBytes: number | null = null;
  if (bounds.memoryTotalBytes > 0) {
    memoryBytes =
      values.memoryGib >= bounds.maxMemoryGib ? bounds.memoryTotalBytes : values.memoryGib * GIB;
  }
  return {
    cpuCores: values.cpuCores,
    memoryBytes,
    diskBytes: disk === '' ? null : Number.parseInt(disk, 10) * GIB,
    gpus: values.gpus.map(({ index, offered, vramPercent }) => ({ index, offered, vramPercent })),
  };
}

export type AckState =
  | { kind: 'idle' }
  | { kind: 'waiting'; since: number }
  | { kind: 'acknowledged' }
  | { kind: 'refused'; error: string }
  | { kind: 'timeout' };

/** What a node says about its latest limits, or null while the agent has not answered. */
export function ackOf(node: Pick<Node, 'limitsAcknowledged' | 'limitsError'>): AckState | null {
  if (node.limitsError) return { kind: 'refused', error: node.limitsError };
  if (node.limitsAcknowledged) return { kind: 'acknowledged' };
  return null;
}
