import type { NodeTransition } from '../../api';
import { StateBadge } from '../../components/StateBadge';
import { formatDateTime } from '../../format';

/** The node's changes of state, newest first. */
export function TransitionList({ transitions }: { transitions: NodeTransition[] }) {
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">State history</h2>
      {transitions.length === 0 ? (
        <p className="muted">No changes of state yet.</p>
      ) : (
        <ol className="history">
          {transitions.map((t, i) => (
            <li key={`${t.at}-${i}`} className="history__item">
              <time dateTime={t.at} className="history__time">
                {formatDateTime(t.at)}
              </time>
              <span className="history__change">
                {t.fromState ? (
                  <StateBadge state={t.fromState} />
                ) : (
                  <span className="muted">new</span>
                )}
                <span aria-hidden="true"> → </span>
                <span className="sr-only"> to </span>
                <StateBadge state={t.toState} />
              </span>
              <span className="history__reason">{t.reason}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
