import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatChartNumber, yAxisMax } from './chartScale';

/** uPlot's aligned layout: x values (Unix seconds), then one array of y values per series. */
export type ChartData = [number[], ...(number | null)[][]];

export interface UPlotChartProps {
  data: ChartData;
  /** One label per y series. */
  labels: string[];
  unit: string;
  /** The x axis always spans this window (Unix seconds), however sparse the data. */
  xRange: [number, number];
  /** A fixed top for the y axis (100 for percentages); otherwise it follows the data. */
  yMax?: number;
  /**
   * Fill under each line: for stacked series (each one the sum of itself and those before it,
   * listed bottom first), which then read as bands.
   */
  fill?: boolean;
}

const HEIGHT = 180;
const SEPARATOR = '\u0000';
/** Line colors with at least 4.5:1 contrast on the panel background. */
const SERIES_COLORS = [
  '#8cc8ff',
  '#4ade80',
  '#ffd166',
  '#ff9aa2',
  '#c0b3ff',
  '#5eead4',
  '#fdba74',
  '#f9a8d4',
];
const AXIS = {
  stroke: '#a9b0bf',
  grid: { stroke: '#2d3342', width: 1 },
  ticks: { stroke: '#2d3342', width: 1 },
};

function options(
  labels: string[],
  unit: string,
  width: number,
  ranges: { x: () => [number, number]; yMax?: number },
  fill: boolean,
): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: {
      x: { time: true, range: () => ranges.x() },
      y: {
        range: (_u, _min, max) => [0, ranges.yMax ?? yAxisMax(max)],
      },
    },
    axes: [
      AXIS,
      { ...AXIS, size: 56, values: (_u, ticks) => ticks.map((t) => formatChartNumber(t)) },
    ],
    series: [
      {},
      ...labels.map((label, i) => ({
        label,
        stroke: SERIES_COLORS[i % SERIES_COLORS.length],
        // Each fill reaches down to 0: the top band shows one tint, the bands below it blend theirs.
        fill: fill ? `${SERIES_COLORS[i % SERIES_COLORS.length]}40` : undefined,
        width: 2,
        points: { show: false },
        value: (_u: uPlot, v: number | null) =>
          v === null ? '—' : `${formatChartNumber(v)} ${unit}`,
      })),
    ],
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
  };
}

/**
 * A uPlot line chart sized to its container. uPlot is loaded on first use (it needs a real
 * browser: canvas and matchMedia); where it cannot run, a short note replaces the chart.
 */
export function UPlotChart({ data, labels, unit, xRange, yMax, fill = false }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const dataRef = useRef(data);
  const xRangeRef = useRef(xRange);
  const [failed, setFailed] = useState(false);
  const labelKey = labels.join(SEPARATOR);

  useEffect(() => {
    dataRef.current = data;
    xRangeRef.current = xRange;
    plot.current?.setData(data);
  }, [data, xRange]);

  useEffect(() => {
    let cancelled = false;
    let observer: ResizeObserver | undefined;
    import('uplot')
      .then(({ default: UPlot }) => {
        const element = box.current;
        if (cancelled || !element) return;
        const opts = options(
          labelKey.split(SEPARATOR),
          unit,
          element.clientWidth || 300,
          {
            x: () => xRangeRef.current,
            yMax,
          },
          fill,
        );
        plot.current = new UPlot(opts, dataRef.current, element);
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() =>
            plot.current?.setSize({ width: element.clientWidth, height: HEIGHT }),
          );
          observer.observe(element);
        }
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [labelKey, unit, yMax, fill]);

  if (failed) return <p className="muted chart__fallback">This browser cannot draw the chart.</p>;
  return <div ref={box} className="chart__plot" aria-hidden="true" />;
}
