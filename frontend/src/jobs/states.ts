import type { AttemptOutcome, JobState } from '../api';

/** In the order a job goes through them. */
export const JOB_STATES: readonly JobState[] = [
  'queued',
  'assigned',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  'expired',
];

const TERMINAL: ReadonlySet<string> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  'expired',
]);

/** A job in one of these states never changes again. */
export function isTerminal(state: JobState | string): boolean {
  return TERMINAL.has(state);
}

const LABELS: Record<JobState | AttemptOutcome, string> = {
  queued: 'queued',
  assigned: 'assigned',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  timed_out: 'timed out',
  expired: 'expired',
  rejected: 'rejected',
  lost: 'lost',
};

/** "timed_out" -> "timed out"; an unknown value reads as itself. */
export function stateLabel(state: string): string {
  return state in LABELS ? LABELS[state as JobState] : state;
}
