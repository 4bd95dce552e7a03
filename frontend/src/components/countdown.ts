import { useEffect, useState } from 'react';

/** 754_000 ms -> "12:34"; zero or less -> "expired". Rounds up, so "00:01" is the last second. */
export function formatRemaining(ms: number): string {
  if (!(ms > 0)) return 'expired';
  const totalSeconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export interface Countdown {
  remainingMs: number;
  expired: boolean;
  /** "mm:ss" or "expired" */
  label: string;
}

function remainingUntil(expiresAtMs: number): number {
  return Number.isNaN(expiresAtMs) ? 0 : Math.max(0, expiresAtMs - Date.now());
}

/** Time left until an ISO-8601 instant, re-rendering on each whole second until it expires. */
export function useCountdown(expiresAt: string): Countdown {
  const expiresAtMs = Date.parse(expiresAt);
  const [remainingMs, setRemainingMs] = useState(() => remainingUntil(expiresAtMs));

  useEffect(() => {
    let timer: number | undefined;
    const tick = () => {
      const left = remainingUntil(expiresAtMs);
      setRemainingMs(left);
      if (left <= 0) return;
      // Wake when the displayed second changes (timers fire late, never early), not on a fixed beat.
      timer = window.setTimeout(tick, left % 1000 || 1000);
    };
    tick();
    return () => window.clearTimeout(timer);
  }, [expiresAtMs]);

  return { remainingMs, expired: remainingMs <= 0, label: formatRemaining(remainingMs) };
}
