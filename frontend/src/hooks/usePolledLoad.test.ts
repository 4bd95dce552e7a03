import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { usePolledLoad, type PolledLoadOptions } from './usePolledLoad';

/** A load whose answers the test gives one at a time, in the order they were asked for. */
function controlledLoad() {
  const pending: { resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const load = () =>
    new Promise<string>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  const next = () => {
    const call = pending.shift();
    if (!call) throw new Error('no load is waiting');
    return call;
  };
  return {
    load,
    answer: (value: string) => act(async () => next().resolve(value)),
    fail: (message: string) =>
      act(async () => next().reject(new ApiError('SERVICE_UNAVAILABLE', message, 503))),
    waiting: () => pending.length,
  };
}

function render(loads: ReturnType<typeof controlledLoad>, options: PolledLoadOptions<string> = {}) {
  return renderHook((opts: PolledLoadOptions<string>) => usePolledLoad(loads.load, 60_000, opts), {
    initialProps: options,
  });
}

describe('usePolledLoad', () => {
  it('shows an answer once it comes', async () => {
    const loads = controlledLoad();
    const { result } = render(loads);
    expect(result.current.state).toEqual({ kind: 'loading' });
    await loads.answer('first');
    expect(result.current.state).toEqual({ kind: 'loaded', result: 'first', refreshError: null });
  });

  it('makes a failed first load an error, and loads again on retry', async () => {
    const loads = controlledLoad();
    const { result } = render(loads);
    await loads.fail('The database is busy.');
    expect(result.current.state).toEqual({ kind: 'error', message: 'The database is busy.' });

    act(() => result.current.retry());
    expect(result.current.state).toEqual({ kind: 'loading' });
    await waitFor(() => expect(loads.waiting()).toBe(1));
    await loads.answer('second');
    expect(result.current.state).toMatchObject({ kind: 'loaded', result: 'second' });
  });

  it('keeps what it showed through a refresh, and through one that fails', async () => {
    const loads = controlledLoad();
    const { result, rerender } = render(loads, { refreshKey: 1 });
    await loads.answer('first');

    rerender({ refreshKey: 2 });
    await waitFor(() => expect(loads.waiting()).toBe(1));
    expect(result.current.state).toMatchObject({ kind: 'loaded', result: 'first' });
    await loads.fail('timeout');
    expect(result.current.state).toEqual({
      kind: 'loaded',
      result: 'first',
      refreshError: 'timeout',
    });
  });

  it('shows a new view as loading until its own answer, never the last view’s', async () => {
    const loads = controlledLoad();
    const { result, rerender } = render(loads, { view: 'page 1' });
    await loads.answer('page 1 items');

    rerender({ view: 'page 2' });
    expect(result.current.state).toEqual({ kind: 'loading' });
    await waitFor(() => expect(loads.waiting()).toBe(1));
    await loads.fail('timeout');
    expect(result.current.state).toEqual({ kind: 'error', message: 'timeout' });
  });

  it('shows a change the page made until the next answer, and reloads on request', async () => {
    const loads = controlledLoad();
    const { result } = render(loads);
    await loads.answer('queued');

    act(() => result.current.update((job) => `${job}, cancel requested`));
    expect(result.current.state).toMatchObject({ result: 'queued, cancel requested' });
    act(() => result.current.reload());
    expect(loads.waiting()).toBe(1);
    await loads.answer('cancelled');
    expect(result.current.state).toMatchObject({ result: 'cancelled' });
  });

  it('stops polling once an answer can no longer change, and still reloads on request', async () => {
    vi.useFakeTimers();
    try {
      const loads = controlledLoad();
      const { result } = renderHook(() =>
        usePolledLoad(loads.load, 1000, { keepPolling: (job) => job !== 'ended' }),
      );
      await loads.answer('running');
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(loads.waiting()).toBe(1);
      await loads.answer('ended');

      await act(() => vi.advanceTimersByTimeAsync(5000));
      expect(loads.waiting()).toBe(0);
      act(() => result.current.reload());
      expect(loads.waiting()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
