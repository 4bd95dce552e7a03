import { stateLabel } from '../jobs/states';

/**
 * A job state (or an attempt's outcome) as colored text; the word carries the meaning, the color
 * only repeats it.
 */
export function JobStateBadge({ state }: { state: string }) {
  const known = /^[a-z_]+$/.test(state) ? state : 'unknown';
  return (
    <span className={`badge badge--job badge--job-${known}`}>
      <span className="badge__dot" aria-hidden="true" />
      {stateLabel(state)}
    </span>
  );
}
