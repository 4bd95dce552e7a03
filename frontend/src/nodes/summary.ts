import type { GpuInfo, HardwareReport, Node } from '../api';
import { formatBytes, formatMib } from '../format';

/** "2 × NVIDIA GeForce RTX 4090 · 24 GiB" per kind of GPU, in index order; [] when there are none. */
export function gpuSummary(hardware: HardwareReport | null): string[] {
  const groups = new Map<string, { gpu: GpuInfo; count: number }>();
  const sorted = [...(hardware?.gpus ?? [])].sort((a, b) => a.index - b.index);
  for (const gpu of sorted) {
    const key = `${gpu.name}|${gpu.memoryTotalMib}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { gpu, count: 1 });
  }
  return [...groups.values()].map(({ gpu, count }) => {
    const vram = gpu.memoryTotalMib > 0 ? ` · ${formatMib(gpu.memoryTotalMib)}` : '';
    return `${count} × ${gpu.name}${vram}`;
  });
}

/** "AMD Ryzen 9 7950X · 32 threads", or null when not reported. */
export function cpuSummary(hardware: HardwareReport | null): string | null {
  const cpu = hardware?.cpu;
  if (!cpu) return null;
  return cpu.logicalThreads > 0 ? `${cpu.model} · ${cpu.logicalThreads} threads` : cpu.model;
}

export function ramSummary(hardware: HardwareReport | null): string | null {
  const total = hardware?.memory?.totalBytes;
  return total === undefined || total === null ? null : formatBytes(total);
}

export type LimitsStatus = 'acknowledged' | 'pending' | 'refused';

export function limitsStatus(node: Pick<Node, 'limitsAcknowledged' | 'limitsError'>): LimitsStatus {
  if (node.limitsError) return 'refused';
  return node.limitsAcknowledged ? 'acknowledged' : 'pending';
}
