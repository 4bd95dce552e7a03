import type { NodeState } from '../api';

const LABELS: Record<NodeState, string> = {
  online: 'online',
  offline: 'offline',
  installing: 'installing',
  maintenance: 'maintenance',
  deleted: 'deleted',
};

/** A node state as colored text; the word carries the meaning, the color only repeats it. */
export function StateBadge({ state }: { state: NodeState | string }) {
  const known = state in LABELS ? (state as NodeState) : null;
  return (
    <span className={`badge badge--${known ?? 'unknown'}`}>
      <span className="badge__dot" aria-hidden="true" />
      {known ? LABELS[known] : state}
    </span>
  );
}
