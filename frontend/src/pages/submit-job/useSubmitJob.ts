import { useCallback, useRef, useState } from 'react';
import { ApiError, describeError, submitJob, type JobView, type SubmitJobRequest } from '../../api';
import { newIdempotencyKey } from '../../jobs/idempotency';
import { parseServerProblems, type ServerProblem } from '../../jobs/jobForm';
import { useSession } from '../../session';

export type SubmitFailure =
  | { kind: 'validation'; problems: ServerProblem[] }
  | { kind: 'error'; message: string; retrySafe: boolean };

/**
 * Sends a job with an `Idempotency-Key`. The key belongs to one request body: sending the same
 * body again (a retry after a lost answer, a double click) reuses it, so the server answers the
 * job it already made; a changed form gets a new key.
 */
export function useSubmitJob() {
  const { http } = useSession();
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const inFlight = useRef(false);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<SubmitFailure | null>(null);

  const submit = useCallback(
    async (request: SubmitJobRequest): Promise<JobView | null> => {
      if (inFlight.current) return null;
      const body = JSON.stringify(request);
      if (attempt.current?.body !== body) attempt.current = { key: newIdempotencyKey(), body };
      inFlight.current = true;
      setSubmitting(true);
      setFailure(null);
      try {
        const job = await submitJob(http, request, attempt.current.key);
        attempt.current = null;
        return job;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
          setFailure({ kind: 'validation', problems: parseServerProblems(error.message) });
        } else {
          if (error instanceof ApiError && error.code === 'IDEMPOTENCY_CONFLICT') {
            attempt.current = null;
          }
          // Without an answer the job may exist already; the same key makes a retry harmless.
          const unanswered =
            !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
          setFailure({ kind: 'error', message: describeError(error), retrySafe: unanswered });
        }
        return null;
      } finally {
        inFlight.current = false;
        setSubmitting(false);
      }
    },
    [http],
  );

  const clearFailure = useCallback(() => setFailure(null), []);
  return { submit, submitting, failure, clearFailure };
}
