import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatLatency, formatMib, formatRelative, wholeGib } from '.';

describe('formatBytes', () => {
  it('uses binary units with at most one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(68719476736)).toBe('64 GiB');
    expect(formatBytes(1000000000000)).toBe('931.3 GiB');
    expect(formatBytes(2 * 1024 ** 4)).toBe('2 TiB');
  });

  it('never prints 1024 of a unit', () => {
    expect(formatBytes(1024 ** 3 - 1)).toBe('1 GiB');
  });

  it('shows a dash for missing or impossible values', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });

  it('reads GPU memory in MiB', () => {
    expect(formatMib(24564)).toBe('24 GiB');
    expect(formatMib(81920)).toBe('80 GiB');
    expect(formatMib(512)).toBe('512 MiB');
  });

  it('counts whole GiB', () => {
    expect(wholeGib(68719476736)).toBe(64);
    expect(wholeGib(67000000000)).toBe(62);
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('reads seconds, minutes, hours and days', () => {
    expect(formatRelative('2026-03-01T11:59:48Z', now)).toBe('12 s ago');
    expect(formatRelative('2026-03-01T11:57:00Z', now)).toBe('3 min ago');
    expect(formatRelative('2026-03-01T10:00:00Z', now)).toBe('2 h ago');
    expect(formatRelative('2026-02-24T12:00:00Z', now)).toBe('5 d ago');
  });

  it('says never, and just now for the present or a skewed clock', () => {
    expect(formatRelative(null, now)).toBe('never');
    expect(formatRelative('2026-03-01T12:00:00Z', now)).toBe('just now');
    expect(formatRelative('2026-03-01T12:00:03Z', now)).toBe('just now');
  });
});

describe('formatDuration and formatLatency', () => {
  it('reads spans in two units at most, rounding down', () => {
    expect(formatDuration(999)).toBe('0 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(192_500)).toBe('3 min 12 s');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(5.5 * 3_600_000)).toBe('5 h 30 min');
    expect(formatDuration(7 * 86_400_000)).toBe('7 d');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
  });

  it('shows short latencies in ms and seconds', () => {
    expect(formatLatency(840)).toBe('840 ms');
    expect(formatLatency(6100)).toBe('6.1 s');
    expect(formatLatency(59_990)).toBe('59.9 s');
    expect(formatLatency(102_000)).toBe('1 min 42 s');
    expect(formatLatency(null)).toBe('—');
  });
});
