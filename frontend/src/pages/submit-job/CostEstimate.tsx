import { useToken } from '../../chain';
import { formatAmount, formatDuration } from '../../format';
import { maxCost } from '../../jobs/cost';
import { readPrice, readTimeLimit, type JobFormValues } from '../../jobs/jobForm';

/** The most this job can cost: its max price per hour for its whole time limit, live as they are typed. */
export function CostEstimate({ values }: { values: JobFormValues }) {
  const { decimals } = useToken();
  const price = readPrice(values.maxPrice, decimals);
  const time = readTimeLimit(values);
  const gpus = /^\d{1,2}$/.test(values.gpuCount.trim())
    ? Number.parseInt(values.gpuCount.trim(), 10)
    : null;

  return (
    <section className="cost" aria-labelledby="cost-heading">
      <h2 id="cost-heading" className="cost__title">
        Most this job can cost
      </h2>
      {/* Announced politely as the figures change, not on every keystroke's intermediate problem. */}
      <div aria-live="polite" aria-atomic="true">
        {price.baseUnits !== null && time.seconds !== null ? (
          <>
            <p className="cost__amount">
              {formatAmount(maxCost(price.baseUnits, time.seconds), decimals)}{' '}
              <span className="cost__unit">tokens</span>
            </p>
            <p className="cost__detail muted">
              {formatAmount(price.baseUnits, decimals)} tokens / hour ×{' '}
              {formatDuration(time.seconds * 1000)}
            </p>
            {gpus !== null && gpus > 1 && (
              <p className="cost__detail muted">
                Nodes up to {formatAmount(price.baseUnits / BigInt(gpus), decimals)} tokens per
                GPU-hour qualify for {gpus} GPUs.
              </p>
            )}
            <p className="cost__detail muted">
              Billed for the time it runs at the matched node’s hourly price, which is at most your
              max.
            </p>
          </>
        ) : (
          <p className="muted">
            Enter a max price per hour and a time limit to see the most this job can cost.
          </p>
        )}
      </div>
    </section>
  );
}
