import { useEffect } from 'react';
import { useCountdown } from './countdown';

interface CountdownProps {
  expiresAt: string;
  onExpire?: () => void;
}

/** Live "mm:ss" until `expiresAt`, then "expired". Screen readers are not interrupted each second. */
export function Countdown({ expiresAt, onExpire }: CountdownProps) {
  const { label, expired } = useCountdown(expiresAt);
  useEffect(() => {
    if (expired) onExpire?.();
  }, [expired, onExpire]);
  return (
    <time
      dateTime={expiresAt}
      role="timer"
      className={expired ? 'countdown countdown--expired' : 'countdown'}
      title={new Date(expiresAt).toLocaleString()}
    >
      {label}
    </time>
  );
}
