import { useMemo } from 'react';
import type { EarningsRange, EarningsRow } from '../../api';
import { UPlotChart, type ChartData } from '../../components/UPlotChart';
import { daySeconds, stackedDaily } from '../../earnings/range';

const DAY_SECONDS = 86_400;

/** Paid and pending earnings per day, stacked: paid below, pending on top of it. */
export function EarningsChart({
  range,
  rows,
  decimals,
}: {
  range: EarningsRange;
  rows: EarningsRow[];
  decimals: number;
}) {
  const data = useMemo<ChartData>(() => {
    const { x, paid, paidAndPending } = stackedDaily(range, rows, decimals);
    return [x, paid, paidAndPending];
  }, [range, rows, decimals]);
  const xRange = useMemo<[number, number]>(
    () => [daySeconds(range.from), daySeconds(range.to) + DAY_SECONDS],
    [range],
  );
  return (
    <figure className="chart">
      <figcaption className="chart__caption">
        <span className="chart__title">Earnings per day</span>
        <span className="muted">paid, with pending stacked on top</span>
      </figcaption>
      <UPlotChart
        data={data}
        labels={['Paid', 'Paid + pending']}
        unit="tokens"
        xRange={xRange}
        fill
      />
    </figure>
  );
}
