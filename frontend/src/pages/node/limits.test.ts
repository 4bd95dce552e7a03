import { describe, expect, it } from 'vitest';
import type { HardwareReport } from '../../api';
import { boundsOf, diskProblem, initialValues, toLimits } from './limits';

const GIB = 1024 ** 3;
const hardware = {
  cpu: { model: 'x', physicalCores: 8, logicalThreads: 16, maxFreqMhz: 0 },
  memory: { totalBytes: 67_000_000_000, availableBytes: 1 },
  gpus: [
    { index: 1, vendor: 'amd', name: 'MI100', memoryTotalMib: 32768, source: 'rocm-smi' },
    { index: 0, vendor: 'amd', name: 'MI50', memoryTotalMib: 16384, source: 'rocm-smi' },
  ],
} as HardwareReport;

describe('limits form values', () => {
  const bounds = boundsOf(hardware);

  it('reads its bounds from the hardware report', () => {
    expect(bounds).toEqual({
      maxCores: 16,
      memoryTotalBytes: 67_000_000_000,
      maxMemoryGib: 62,
      gpus: [
        { index: 0, name: 'MI50' },
        { index: 1, name: 'MI100' },
      ],
    });
  });

  it('starts from no limits as everything offered, and sends the exact RAM total at the top', () => {
    const values = initialValues({ gpus: [] }, bounds);
    expect(values).toEqual({
      cpuCores: 16,
      memoryGib: 62,
      diskGib: '',
      gpus: [
        { index: 0, name: 'MI50', offered: true, vramPercent: 100 },
        { index: 1, name: 'MI100', offered: true, vramPercent: 100 },
      ],
    });
    expect(toLimits(values, bounds)).toEqual({
      cpuCores: 16,
      memoryBytes: 67_000_000_000,
      diskBytes: null,
      gpus: [
        { index: 0, offered: true, vramPercent: 100 },
        { index: 1, offered: true, vramPercent: 100 },
      ],
    });
  });

  it('round-trips limits that were set before', () => {
    const limits = {
      cpuCores: 4,
      memoryBytes: 8 * GIB,
      diskBytes: 100 * GIB,
      gpus: [{ index: 1, offered: false, vramPercent: 30 }],
    };
    const values = initialValues(limits, bounds);
    expect(values.diskGib).toBe('100');
    expect(values.gpus[1]).toEqual({ index: 1, name: 'MI100', offered: false, vramPercent: 30 });
    expect(toLimits(values, bounds)).toEqual({
      ...limits,
      gpus: [{ index: 0, offered: true, vramPercent: 100 }, limits.gpus[0]],
    });
  });

  it('accepts only whole GiB for the disk', () => {
    expect(diskProblem('')).toBeNull();
    expect(diskProblem('250')).toBeNull();
    expect(diskProblem('2.5')).toMatch(/whole number/);
    expect(diskProblem('-1')).toMatch(/whole number/);
  });
});
