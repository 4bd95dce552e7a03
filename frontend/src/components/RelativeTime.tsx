import { formatDateTime, formatRelative } from '../format';
import { useNow } from '../hooks';

/** "12 s ago", ticking, with the exact local time as a tooltip. */
export function RelativeTime({ at, never = 'never' }: { at: string | null; never?: string }) {
  const now = useNow(1000);
  if (!at) return <span className="muted">{never}</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at, now)}
    </time>
  );
}
