import {
  ApiError,
  NETWORK_ERROR,
  describeError,
  openJobLogStream,
  readEventStream,
  type HttpClient,
  type LogChunk,
  type LogEnd,
} from '../api';

export type LogConnection =
  { kind: 'connecting' } | { kind: 'live' } | { kind: 'retrying'; inMs: number; reason: string };

export interface LogFollowHandlers {
  /** New output, in order; one call per network read. */
  onChunks(chunks: LogChunk[]): void;
  /** The job has ended and every chunk was delivered; following stops. Null: unreadable data. */
  onEnd(end: LogEnd | null): void;
  onConnection(connection: LogConnection): void;
}

export interface LogFollowOptions {
  /** Waits before the 1st, 2nd, ... reconnection; the last one repeats. */
  retryDelaysMs?: number[];
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000];

function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      window.clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Worth trying again: no answer, too many streams (503), rate limited, a server fault. */
function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.code === NETWORK_ERROR || error.status === 429 || error.status >= 500;
}

/**
 * Follows a job's output over the Server-Sent Events stream until its `end` event. A dropped
 * connection is resumed with `Last-Event-ID` (the server then sends only what follows), after a
 * growing wait; so is a 503 (the server serves as many streams as it may). A 4xx other than 429
 * is final and thrown. Resolves on `end` or when `signal` aborts.
 */
export async function followJobLogs(
  http: HttpClient,
  jobId: string,
  handlers: LogFollowHandlers,
  signal: AbortSignal,
  { retryDelaysMs = RETRY_DELAYS_MS, sleep = sleepFor }: LogFollowOptions = {},
): Promise<void> {
  let lastEventId: string | null = null;
  let last: LogChunk | null = null;
  let failures = 0;
  while (!signal.aborted) {
    handlers.onConnection({ kind: 'connecting' });
    let reason = 'The log stream closed before the job ended.';
    let waitMs: number | undefined;
    try {
      const response = await openJobLogStream(http, jobId, lastEventId, signal);
      if (!response.body) throw new Error('The server sent the log stream without a body.');
      handlers.onConnection({ kind: 'live' });
      for await (const events of readEventStream(response.body)) {
        const chunks: LogChunk[] = [];
        for (const event of events) {
          if (event.type === 'log') {
            if (event.lastEventId) lastEventId = event.lastEventId;
            const chunk = parseJson<LogChunk>(event.data);
            // A resumed stream starts after the cursor; a chunk at or before it was delivered already.
            if (chunk && after(chunk, last)) {
              chunks.push(chunk);
              last = chunk;
            }
          } else if (event.type === 'end') {
            if (chunks.length > 0) handlers.onChunks(chunks);
            handlers.onEnd(parseJson<LogEnd>(event.data));
            return;
          }
        }
        if (chunks.length > 0) {
          failures = 0;
          handlers.onChunks(chunks);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (!retryable(error)) throw error;
      reason = describeError(error);
      if (error instanceof ApiError && error.retryAfter !== undefined) {
        waitMs = error.retryAfter * 1000;
      }
    }
    if (signal.aborted) return;
    const delay = waitMs ?? retryDelaysMs[Math.min(failures, retryDelaysMs.length - 1)];
    failures += 1;
    handlers.onConnection({ kind: 'retrying', inMs: delay, reason });
    await sleep(delay, signal);
  }
}

function after(chunk: LogChunk, last: LogChunk | null): boolean {
  if (!last) return true;
  return chunk.attempt > last.attempt || (chunk.attempt === last.attempt && chunk.seq > last.seq);
}

function parseJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    // A chunk the page cannot read is skipped; its id still moves the cursor past it.
    return null;
  }
}
