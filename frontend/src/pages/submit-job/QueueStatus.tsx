import { useState } from 'react';
import { describeError, getQueueStats, type QueueStats } from '../../api';
import { formatDuration, formatLatency } from '../../format';
import { usePolling } from '../../hooks';
import { useSession } from '../../session';

const REFRESH_MS = 10_000;

type StatsState =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; stats: QueueStats };

/** How busy the marketplace is now: public queue figures, refreshed every few seconds. */
export function QueueStatus() {
  const { http } = useSession();
  const [state, setState] = useState<StatsState>({ kind: 'loading' });

  usePolling(async (signal) => {
    try {
      setState({ kind: 'loaded', stats: await getQueueStats(http, signal) });
    } catch (error) {
      if (signal.aborted) return;
      // Keep the last figures on a failed refresh; they say when they were taken.
      setState((s) => (s.kind === 'loaded' ? s : { kind: 'error', message: describeError(error) }));
    }
  }, REFRESH_MS);

  return (
    <section className="panel queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">Queue now</h2>
      {state.kind === 'loading' && <p role="status">Loading the queue’s figures…</p>}
      {state.kind === 'error' && (
        <p className="muted">
          The queue’s figures are not available ({state.message}) You can still submit a job.
        </p>
      )}
      {state.kind === 'loaded' && <QueueFigures stats={state.stats} />}
    </section>
  );
}

function QueueFigures({ stats }: { stats: QueueStats }) {
  const latency = stats.dispatchLatency;
  const span = formatDuration(stats.windowSeconds * 1000);
  const figures = [
    { term: 'Queued', value: String(stats.counts.queued ?? 0) },
    {
      term: 'Oldest queued',
      value:
        stats.oldestQueuedAgeSeconds === null
          ? 'none waiting'
          : formatDuration(stats.oldestQueuedAgeSeconds * 1000),
    },
    { term: 'Running', value: String(stats.counts.running ?? 0) },
    { term: 'Start delay p50', value: latency.samples > 0 ? formatLatency(latency.p50Ms) : '—' },
    { term: 'Start delay p99', value: latency.samples > 0 ? formatLatency(latency.p99Ms) : '—' },
  ];
  return (
    <>
      <dl className="stats">
        {figures.map((f) => (
          <div key={f.term} className="stats__item">
            <dt>{f.term}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted field__help">
        {latency.samples > 0
          ? `Start delay: from queued to started, over the ${latency.samples} job${latency.samples === 1 ? '' : 's'} that started in the last ${span}.`
          : `No job started in the last ${span}, so there is no start delay to show.`}
      </p>
    </>
  );
}
