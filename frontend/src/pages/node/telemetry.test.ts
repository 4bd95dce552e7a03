import { describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../api';
import { latest, toTelemetryCharts } from './telemetry';

const T0 = '2026-03-01T12:00:00Z'; // 1772366400
const T1 = '2026-03-01T12:00:15Z';
const T2 = '2026-03-01T12:00:30Z';

function gpu(
  at: string,
  gpuIndex: number,
  util: number | null,
  temp: number,
  mem: number,
  watts: number,
): TelemetryPoint {
  return {
    at,
    gpuIndex,
    utilizationPercent: util,
    temperatureC: temp,
    memoryUsedMib: mem,
    memoryTotalMib: 24564,
    powerDrawW: watts,
    cpuLoadPercent: null,
    memoryUsedBytes: null,
  };
}

function host(at: string, load: number | null): TelemetryPoint {
  return {
    at,
    gpuIndex: -1,
    utilizationPercent: null,
    temperatureC: null,
    memoryUsedMib: null,
    memoryTotalMib: null,
    powerDrawW: null,
    cpuLoadPercent: load,
    memoryUsedBytes: 17179869184,
  };
}

describe('toTelemetryCharts', () => {
  it('aligns every GPU on one time axis, one series per GPU, with gaps as null', () => {
    const points = [
      host(T0, 35.5),
      gpu(T0, 1, 10, 40, 1000, 50.5),
      gpu(T0, 0, 87, 71, 20480, 312.4),
      host(T1, 40),
      gpu(T1, 0, 90, 72, 20500, 320),
      // GPU 1 missed T1; both report at T2, listed out of order.
      gpu(T2, 1, null, 42, 1100, 55),
      gpu(T2, 0, 88, 73, 20400, 318),
      host(T2, null),
    ];

    const charts = toTelemetryCharts(points);

    const times = [1772366400, 1772366415, 1772366430];
    expect(charts.gpuIndexes).toEqual([0, 1]);
    expect(charts.gpu.utilizationPercent).toEqual([times, [87, 90, 88], [10, null, null]]);
    expect(charts.gpu.temperatureC).toEqual([times, [71, 72, 73], [40, null, 42]]);
    expect(charts.gpu.memoryUsedMib).toEqual([times, [20480, 20500, 20400], [1000, null, 1100]]);
    expect(charts.gpu.powerDrawW).toEqual([times, [312.4, 320, 318], [50.5, null, 55]]);
    expect(charts.cpuLoad).toEqual([times, [35.5, 40, null]]);
  });

  it('sorts times and GPU indexes, and lets a later duplicate win', () => {
    const charts = toTelemetryCharts([
      gpu(T1, 3, 5, 30, 10, 20),
      gpu(T0, 2, 6, 31, 11, 21),
      gpu(T0, 2, 7, 32, 12, 22),
    ]);
    expect(charts.gpuIndexes).toEqual([2, 3]);
    expect(charts.gpu.utilizationPercent).toEqual([
      [1772366400, 1772366415],
      [7, null],
      [null, 5],
    ]);
    expect(charts.cpuLoad).toEqual([[], []]);
  });

  it('gives empty charts for no points', () => {
    const charts = toTelemetryCharts([]);
    expect(charts.gpuIndexes).toEqual([]);
    expect(charts.gpu.temperatureC).toEqual([[]]);
    expect(charts.cpuLoad).toEqual([[], []]);
  });
});

describe('latest', () => {
  it('finds the last reading, skipping gaps', () => {
    expect(latest([1, 2, null])).toBe(2);
    expect(latest([null, null])).toBeNull();
  });
});
