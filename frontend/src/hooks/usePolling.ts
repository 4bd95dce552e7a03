import { useEffect, useRef } from 'react';
import { usePageVisible } from './usePageVisible';

export interface PollingOptions {
  /** Polling runs only while this is true (and the tab is visible). Default true. */
  enabled?: boolean;
  /** Changing it starts over: one call at once, then one every interval. */
  restartKey?: string | number;
}

/**
 * Calls `poll` at once and then `intervalMs` after each call finished (never two at a time),
 * while the tab is visible. A hidden tab stops it; becoming visible again polls at once.
 * A new `intervalMs` applies from the next wait on, without an extra call.
 * `poll` handles its own errors; its signal is aborted when polling stops.
 */
export function usePolling(
  poll: (signal: AbortSignal) => Promise<unknown>,
  intervalMs: number,
  { enabled = true, restartKey = 0 }: PollingOptions = {},
): void {
  const visible = usePageVisible();
  const pollRef = useRef(poll);
  const intervalRef = useRef(intervalMs);
  useEffect(() => {
    pollRef.current = poll;
    intervalRef.current = intervalMs;
  });

  const active = enabled && visible;
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    let timer: number | undefined;
    const run = async () => {
      try {
        await pollRef.current(controller.signal);
      } catch {
        // The poll reports its own errors; keep polling.
      }
      if (!controller.signal.aborted) timer = window.setTimeout(run, intervalRef.current);
    };
    void run();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [active, restartKey]);
}
