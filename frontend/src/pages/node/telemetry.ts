import type { TelemetryPoint } from '../../api';
import type { ChartData } from '../../components/UPlotChart';

export type { ChartData };

export type GpuMetric = 'utilizationPercent' | 'temperatureC' | 'memoryUsedMib' | 'powerDrawW';

export interface TelemetryCharts {
  /** The GPUs found in the points, ascending: series i + 1 of every GPU chart is gpuIndexes[i]. */
  gpuIndexes: number[];
  gpu: Record<GpuMetric, ChartData>;
  /** Host CPU load from the gpuIndex -1 rows: [times, load]. */
  cpuLoad: ChartData;
}

const GPU_METRICS: GpuMetric[] = [
  'utilizationPercent',
  'temperatureC',
  'memoryUsedMib',
  'powerDrawW',
];

const seconds = (iso: string) => Date.parse(iso) / 1000;
const valueOf = (v: number | null | undefined) => (v === undefined ? null : v);

/**
 * API telemetry points -> uPlot arrays. GPU charts share one time axis (every instant any GPU
 * reported, ascending) with one series per GPU; a GPU without a sample at an instant gets null (a
 * gap). Rows with gpuIndex -1 feed the CPU chart. A later duplicate of (instant, GPU) wins.
 */
export function toTelemetryCharts(points: TelemetryPoint[]): TelemetryCharts {
  const gpuPoints = points.filter((p) => p.gpuIndex >= 0);
  const cpuPoints = points.filter((p) => p.gpuIndex === -1);

  const gpuIndexes = [...new Set(gpuPoints.map((p) => p.gpuIndex))].sort((a, b) => a - b);
  const times = [...new Set(gpuPoints.map((p) => seconds(p.at)))].sort((a, b) => a - b);
  const row = new Map(times.map((t, i) => [t, i]));
  const column = new Map(gpuIndexes.map((g, i) => [g, i]));

  const gpu = {} as Record<GpuMetric, ChartData>;
  for (const metric of GPU_METRICS) {
    const series = gpuIndexes.map(() => times.map((): number | null => null));
    for (const p of gpuPoints) {
      series[column.get(p.gpuIndex)!][row.get(seconds(p.at))!] = valueOf(p[metric]);
    }
    gpu[metric] = [times, ...series];
  }

  const cpuByTime = new Map<number, number | null>();
  for (const p of cpuPoints) cpuByTime.set(seconds(p.at), valueOf(p.cpuLoadPercent));
  const cpuTimes = [...cpuByTime.keys()].sort((a, b) => a - b);
  const cpuLoad: ChartData = [cpuTimes, cpuTimes.map((t) => cpuByTime.get(t) ?? null)];

  return { gpuIndexes, gpu, cpuLoad };
}

/** The last non-null value of a series, for the text shown next to a chart. */
export function latest(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i -= 1) {
    if (values[i] !== null) return values[i];
  }
  return null;
}
