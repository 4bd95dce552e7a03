import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Countdown } from './Countdown';
import { formatRemaining } from './countdown';

describe('formatRemaining', () => {
  it('formats mm:ss, rounding partial seconds up', () => {
    expect(formatRemaining(600_000)).toBe('10:00');
    expect(formatRemaining(65_000)).toBe('01:05');
    expect(formatRemaining(59_001)).toBe('01:00');
    expect(formatRemaining(1)).toBe('00:01');
  });

  it('says expired at and after zero', () => {
    expect(formatRemaining(0)).toBe('expired');
    expect(formatRemaining(-5000)).toBe('expired');
    expect(formatRemaining(Number.NaN)).toBe('expired');
  });
});

describe('<Countdown>', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T12:00:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks down each second and then says expired once', () => {
    const onExpire = vi.fn();
    render(<Countdown expiresAt="2026-03-01T12:01:02.000Z" onExpire={onExpire} />);
    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('01:02');

    act(() => vi.advanceTimersByTime(1000));
    expect(timer).toHaveTextContent('01:01');

    act(() => vi.advanceTimersByTime(60_000));
    expect(timer).toHaveTextContent('00:01');
    expect(onExpire).not.toHaveBeenCalled();

    act(() => vi.advanceTimersByTime(1000));
    expect(timer).toHaveTextContent('expired');
    expect(onExpire).toHaveBeenCalledTimes(1);

    act(() => vi.advanceTimersByTime(10_000));
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('shows expired at once for a time in the past', () => {
    render(<Countdown expiresAt="2026-03-01T11:59:00.000Z" />);
    expect(screen.getByRole('timer')).toHaveTextContent('expired');
  });
});
