import { useEffect, useReducer, useRef } from 'react';
import { describeError, type LogChunk, type LogEnd } from '../../api';
import { followJobLogs, type LogConnection, type LogFollowOptions } from '../../jobs/logFollower';
import { useSession } from '../../session';

/** The page keeps at most this many chunks (8 KiB each at most); older ones are let go. */
export const MAX_CHUNKS = 5000;

export interface JobLogsState {
  chunks: LogChunk[];
  /** Chunks let go to stay under MAX_CHUNKS. */
  dropped: number;
  connection: LogConnection;
  /** Set once the stream's `end` came: the job has ended and all output is here. */
  end: LogEnd | null;
  ended: boolean;
  /** A refusal that ends following (not found, signed out). */
  error: string | null;
}

type Action =
  | { type: 'reset' }
  | { type: 'chunks'; chunks: LogChunk[] }
  | { type: 'connection'; connection: LogConnection }
  | { type: 'end'; end: LogEnd | null }
  | { type: 'error'; message: string };

const INITIAL: JobLogsState = {
  chunks: [],
  dropped: 0,
  connection: { kind: 'connecting' },
  end: null,
  ended: false,
  error: null,
};

function reduce(state: JobLogsState, action: Action): JobLogsState {
  switch (action.type) {
    case 'reset':
      return INITIAL;
    case 'chunks': {
      const all = state.chunks.concat(action.chunks);
      const over = Math.max(0, all.length - MAX_CHUNKS);
      return { ...state, chunks: over ? all.slice(over) : all, dropped: state.dropped + over };
    }
    case 'connection':
      return { ...state, connection: action.connection };
    case 'end':
      return { ...state, end: action.end, ended: true };
    case 'error':
      return { ...state, error: action.message };
  }
}

/** Follows a job's output live from its first chunk; `onEnded` runs once the stream says the job ended. */
export function useJobLogs(
  jobId: string,
  onEnded: () => void,
  options?: LogFollowOptions,
): JobLogsState {
  const { http } = useSession();
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const latest = useRef({ onEnded, options });
  useEffect(() => {
    latest.current = { onEnded, options };
  });

  useEffect(() => {
    const controller = new AbortController();
    // A new stream starts from the first chunk: forget what an earlier one delivered.
    dispatch({ type: 'reset' });
    followJobLogs(
      http,
      jobId,
      {
        onChunks: (chunks) => dispatch({ type: 'chunks', chunks }),
        onConnection: (connection) => dispatch({ type: 'connection', connection }),
        onEnd: (end) => {
          dispatch({ type: 'end', end });
          latest.current.onEnded();
        },
      },
      controller.signal,
      latest.current.options,
    ).catch((error: unknown) => {
      if (!controller.signal.aborted) dispatch({ type: 'error', message: describeError(error) });
    });
    return () => controller.abort();
  }, [http, jobId]);

  return state;
}
