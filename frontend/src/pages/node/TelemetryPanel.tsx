import { useId, useState } from 'react';
import { describeError, getTelemetry } from '../../api';
import { Alert } from '../../components/Alert';
import { UPlotChart, type ChartData } from '../../components/UPlotChart';
import { usePolling } from '../../hooks';
import { useSession } from '../../session';
import { latest, toTelemetryCharts, type GpuMetric, type TelemetryCharts } from './telemetry';

const REFRESH_MS = 15_000;

const RANGES = [
  { key: '15m', label: '15 min', ms: 15 * 60_000 },
  { key: '1h', label: '1 hour', ms: 60 * 60_000 },
  { key: '24h', label: '24 hours', ms: 24 * 60 * 60_000 },
] as const;
type RangeKey = (typeof RANGES)[number]['key'];

const GPU_CHARTS: { metric: GpuMetric; title: string; unit: string; yMax?: number }[] = [
  { metric: 'utilizationPercent', title: 'GPU utilization', unit: '%', yMax: 100 },
  { metric: 'temperatureC', title: 'GPU temperature', unit: '°C' },
  { metric: 'memoryUsedMib', title: 'VRAM used', unit: 'MiB' },
  { metric: 'powerDrawW', title: 'GPU power', unit: 'W' },
];

type TelemetryState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | {
      kind: 'loaded';
      charts: TelemetryCharts;
      xRange: [number, number];
      refreshError: string | null;
    };

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** Charts of the node's recent telemetry, refreshed every 15 s while the tab is visible. */
export function TelemetryPanel({ nodeId }: { nodeId: string }) {
  const { http } = useSession();
  const [range, setRange] = useState<RangeKey>('1h');
  const [state, setState] = useState<TelemetryState>({ kind: 'loading' });
  const groupName = useId();

  usePolling(
    async (signal) => {
      const span = RANGES.find((r) => r.key === range)!.ms;
      const to = new Date();
      const from = new Date(to.getTime() - span);
      try {
        const telemetry = await getTelemetry(http, nodeId, { from, to }, signal);
        setState({
          kind: 'loaded',
          charts: toTelemetryCharts(telemetry.points),
          xRange: [from.getTime() / 1000, to.getTime() / 1000],
          refreshError: null,
        });
      } catch (error) {
        if (signal.aborted) return;
        const message = describeError(error);
        setState((s) =>
          s.kind === 'loaded' ? { ...s, refreshError: message } : { kind: 'error', message },
        );
      }
    },
    REFRESH_MS,
    { restartKey: range },
  );

  return (
    <section
      className="panel"
      aria-labelledby="telemetry-heading"
      aria-busy={state.kind === 'loading'}
    >
      <div className="panel__head panel__head--wrap">
        <h2 id="telemetry-heading">Telemetry</h2>
        <fieldset className="segmented">
          <legend className="sr-only">Show the last</legend>
          {RANGES.map((r) => (
            <label key={r.key} className="segmented__option">
              <input
                type="radio"
                name={groupName}
                value={r.key}
                checked={range === r.key}
                onChange={() => setRange(r.key)}
              />
              <span>{r.label}</span>
            </label>
          ))}
        </fieldset>
      </div>
      {state.kind === 'loading' && <p role="status">Loading telemetry…</p>}
      {state.kind === 'error' && (
        <Alert title="Telemetry could not be loaded">
          <p>{state.message} It is tried again every 15 s.</p>
        </Alert>
      )}
      {state.kind === 'loaded' && (
        <>
          {state.refreshError && (
            <p className="alert alert--info" role="status">
              Could not refresh the charts ({state.refreshError}) Retrying every 15 s.
            </p>
          )}
          <Charts charts={state.charts} xRange={state.xRange} />
        </>
      )}
    </section>
  );
}

function Charts({ charts, xRange }: { charts: TelemetryCharts; xRange: [number, number] }) {
  const hasGpu = charts.gpuIndexes.length > 0;
  const hasCpu = charts.cpuLoad[0].length > 0;
  if (!hasGpu && !hasCpu) {
    return (
      <p className="empty">
        No telemetry in this range. A connected node sends a sample with every heartbeat.
      </p>
    );
  }
  const gpuLabels = charts.gpuIndexes.map((i) => `GPU ${i}`);
  return (
    <div className="charts">
      {hasGpu ? (
        GPU_CHARTS.map((c) => (
          <Chart
            key={c.metric}
            title={c.title}
            unit={c.unit}
            labels={gpuLabels}
            data={charts.gpu[c.metric]}
            xRange={xRange}
            yMax={c.yMax}
          />
        ))
      ) : (
        <p className="muted">No GPU samples in this range.</p>
      )}
      {hasCpu && (
        <Chart
          title="CPU load"
          unit="%"
          labels={['CPU']}
          data={charts.cpuLoad}
          xRange={xRange}
          yMax={100}
        />
      )}
    </div>
  );
}

interface ChartProps {
  title: string;
  unit: string;
  labels: string[];
  data: ChartData;
  xRange: [number, number];
  yMax?: number;
}

/** One chart with its latest readings as text, which is also what screen readers get. */
function Chart({ title, unit, labels, data, xRange, yMax }: ChartProps) {
  const readings = labels.map((label, i) => {
    const value = latest(data[i + 1]);
    return `${label} ${value === null ? '—' : `${number.format(value)} ${unit}`}`;
  });
  return (
    <figure className="chart">
      <figcaption className="chart__caption">
        <span className="chart__title">
          {title} ({unit})
        </span>
        <span className="chart__latest">Latest: {readings.join(', ')}</span>
      </figcaption>
      <UPlotChart data={data} labels={labels} unit={unit} xRange={xRange} yMax={yMax} />
    </figure>
  );
}
