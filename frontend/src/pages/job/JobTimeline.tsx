import type { JobTransition } from '../../api';
import { JobStateBadge } from '../../components/JobStateBadge';
import { formatDateTime } from '../../format';

/** Every change of the job's state, oldest first, with the attempt it belongs to and why. */
export function JobTimeline({ transitions }: { transitions: JobTransition[] }) {
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {transitions.length === 0 ? (
        <p className="muted">No changes of state yet.</p>
      ) : (
        <ol className="timeline">
          {transitions.map((t, i) => (
            <li key={`${t.at}-${i}`} className="timeline__item">
              <span className="timeline__change">
                {t.from ? <JobStateBadge state={t.from} /> : <span className="muted">new</span>}
                <span aria-hidden="true"> → </span>
                <span className="sr-only"> to </span>
                <JobStateBadge state={t.to} />
              </span>
              <time dateTime={t.at} className="timeline__time">
                {formatDateTime(t.at)}
              </time>
              <span className="timeline__reason">
                {t.attempt > 0 && `attempt ${t.attempt} · `}
                {t.reason}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
