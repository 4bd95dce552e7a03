import { describe, expect, it, vi } from 'vitest';
import { createHttpClient, type LogChunk } from '../api';
import { END_EVENT, eventStream, json, logEvent, stubApi } from '../test/fakeApi';
import { followJobLogs, type LogConnection } from './logFollower';

const JOB = '5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10';
const LOGS = `/api/jobs/${JOB}/logs`;
const http = createHttpClient({ getToken: () => 'tok-1' });
const noWait = { retryDelaysMs: [1, 2], sleep: () => Promise.resolve() };

function follow(signal = new AbortController().signal) {
  const chunks: LogChunk[] = [];
  const connections: LogConnection[] = [];
  const onEnd = vi.fn();
  const done = followJobLogs(
    http,
    JOB,
    { onChunks: (c) => chunks.push(...c), onEnd, onConnection: (c) => connections.push(c) },
    signal,
    noWait,
  );
  return { chunks, connections, onEnd, done };
}

const chunk = (attempt: number, seq: number, data: string, stream = 'stdout') =>
  logEvent({ attempt, seq, stream, data });

describe('followJobLogs', () => {
  it('streams with the bearer token in a header and stops at the end event', async () => {
    const api = stubApi({
      [`GET ${LOGS}`]: () =>
        eventStream([': hello\n\n', chunk(1, 0, 'a\n'), chunk(1, 1, 'b\n', 'stderr'), END_EVENT])
          .response,
    });
    const { chunks, onEnd, done } = follow();
    await done;
    expect(chunks.map((c) => [c.stream, c.data])).toEqual([
      ['stdout', 'a\n'],
      ['stderr', 'b\n'],
    ]);
    expect(onEnd).toHaveBeenCalledWith({ state: 'succeeded', truncated: false });
    const [call] = api.callsTo('GET', LOGS);
    expect(call.authorization).toBe('Bearer tok-1');
    expect(api.headersOf(call).get('Accept')).toMatch(/text\/event-stream/);
    expect(api.headersOf(call).get('Last-Event-ID')).toBeNull();
    const url = new URL(String(vi.mocked(globalThis.fetch).mock.calls[0][0]), 'http://x');
    expect(url.searchParams.get('follow')).toBe('true');
  });

  it('resumes after a dropped connection with Last-Event-ID and skips what it already has', async () => {
    const api = stubApi({
      [`GET ${LOGS}`]: [
        () =>
          eventStream([chunk(1, 0, 'a'), chunk(1, 1, 'b'), 'id: 1.2\nevent: log\ndata: {"att'])
            .response,
        // A server that repeats a chunk after resuming must not show it twice.
        () =>
          eventStream([chunk(1, 1, 'b'), chunk(1, 2, 'c'), chunk(2, 0, 'd'), END_EVENT]).response,
      ],
    });
    const { chunks, connections, onEnd, done } = follow();
    await done;
    expect(chunks.map((c) => c.data)).toEqual(['a', 'b', 'c', 'd']);
    expect(onEnd).toHaveBeenCalledTimes(1);
    const calls = api.callsTo('GET', LOGS);
    expect(calls.map((c) => api.headersOf(c).get('Last-Event-ID'))).toEqual([null, '1.1']);
    expect(connections).toContainEqual({
      kind: 'retrying',
      inMs: 1,
      reason: 'The log stream closed before the job ended.',
    });
  });

  it('retries when the server serves too many streams (503) or cannot be reached', async () => {
    const fetchMock = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(
        json(503, { code: 'SERVICE_UNAVAILABLE', message: 'too many log streams' }),
      )
      .mockResolvedValueOnce(eventStream([chunk(1, 0, 'ok'), END_EVENT]).response);
    vi.stubGlobal('fetch', fetchMock);
    const { chunks, connections, done } = follow();
    await done;
    expect(chunks.map((c) => c.data)).toEqual(['ok']);
    const retries = connections.filter((c) => c.kind === 'retrying');
    expect(retries.map((c) => c.kind === 'retrying' && c.inMs)).toEqual([1, 2]);
    expect(retries[1]).toMatchObject({ reason: 'too many log streams' });
  });

  it('gives up on a refusal: the job is not visible (404)', async () => {
    stubApi({ [`GET ${LOGS}`]: () => json(404, { code: 'NOT_FOUND', message: 'no such job' }) });
    const { done } = follow();
    await expect(done).rejects.toMatchObject({ status: 404, message: 'no such job' });
  });

  it('stops quietly when aborted while waiting for output', async () => {
    const stream = eventStream([chunk(1, 0, 'a')], { open: true });
    stubApi({ [`GET ${LOGS}`]: () => stream.response });
    const controller = new AbortController();
    const { chunks, onEnd, done } = follow(controller.signal);
    await vi.waitFor(() => expect(chunks).toHaveLength(1));
    controller.abort();
    stream.fail();
    await expect(done).resolves.toBeUndefined();
    expect(onEnd).not.toHaveBeenCalled();
  });
});
