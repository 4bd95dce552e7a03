import { describe, expect, it, vi } from 'vitest';
import { json, stubApi } from '../test/fakeApi';
import { ApiError, describeError, errorFromResponse, parseRetryAfter } from './errors';
import { createHttpClient } from './http';

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(' 5 ')).toBe(5);
  });

  it('reads an HTTP date relative to now, rounding up', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:01:30 GMT', now)).toBe(90);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('errorFromResponse', () => {
  it('keeps the server code and message of a JSON error body', async () => {
    const error = await errorFromResponse(
      json(409, { code: 'TOKEN_ALREADY_USED', message: 'This token was already used.' }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('TOKEN_ALREADY_USED');
    expect(error.message).toBe('This token was already used.');
    expect(error.status).toBe(409);
    expect(error.retryAfter).toBeUndefined();
  });

  it('carries Retry-After on 429 RATE_LIMITED and says how long to wait', async () => {
    const error = await errorFromResponse(
      json(429, { code: 'RATE_LIMITED', message: 'Too many requests.' }, { 'Retry-After': '42' }),
    );
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(42);
    expect(describeError(error)).toBe(
      'Too many requests. Please wait 42 seconds before trying again.',
    );
  });

  it('rounds long waits to minutes', async () => {
    const error = await errorFromResponse(
      json(429, { code: 'RATE_LIMITED', message: 'Slow down.' }, { 'Retry-After': '125' }),
    );
    expect(describeError(error)).toBe('Slow down. Please wait 3 minutes before trying again.');
  });

  it('turns an HTML error page into a generic error with the status', async () => {
    const response = new Response('<html><body>502 Bad Gateway</body></html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'Content-Type': 'text/html' },
    });
    const error = await errorFromResponse(response);
    expect(error.code).toBe('HTTP_502');
    expect(error.status).toBe(502);
    expect(error.message).toBe(
      'The server answered 502 Bad Gateway without an explanation. Try again in a moment.',
    );
  });

  it('handles an empty body and JSON that is not an error shape', async () => {
    const empty = await errorFromResponse(new Response(null, { status: 500 }));
    expect(empty.code).toBe('HTTP_500');
    const odd = await errorFromResponse(json(400, { error: 'bad' }));
    expect(odd.code).toBe('HTTP_400');
    expect(odd.message).toContain('400');
  });
});

describe('createHttpClient', () => {
  it('sends the bearer token and JSON body, and parses the JSON answer', async () => {
    const api = stubApi({ 'POST /api/things': () => json(201, { id: 'x' }) });
    const http = createHttpClient({ getToken: () => 'tok-1' });
    await expect(http.request('POST', '/api/things', { body: { a: 1 } })).resolves.toEqual({
      id: 'x',
    });
    expect(api.calls).toEqual([
      {
        method: 'POST',
        path: '/api/things',
        query: {},
        body: { a: 1 },
        authorization: 'Bearer tok-1',
      },
    ]);
  });

  it('sends no Authorization header when auth is off or there is no token', async () => {
    const api = stubApi({ 'GET /api/open': () => json(200, {}) });
    await createHttpClient({ getToken: () => 'tok-1' }).request('GET', '/api/open', {
      auth: false,
    });
    await createHttpClient({ getToken: () => null }).request('GET', '/api/open');
    expect(api.calls.map((c) => c.authorization)).toEqual([null, null]);
  });

  it('resolves undefined for 204', async () => {
    stubApi({ 'DELETE /api/x': () => new Response(null, { status: 204 }) });
    const http = createHttpClient({ getToken: () => 't' });
    await expect(http.request('DELETE', '/api/x')).resolves.toBeUndefined();
  });

  it('reports a 401 with the refused token before throwing', async () => {
    stubApi({
      'GET /api/me': () => json(401, { code: 'UNAUTHORIZED', message: 'Sign in first.' }),
    });
    const onUnauthorized = vi.fn();
    const http = createHttpClient({ getToken: () => 'old-token', onUnauthorized });
    await expect(http.request('GET', '/api/me')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
      message: 'Sign in first.',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized.mock.calls[0][1]).toBe('old-token');
  });

  it('says the API is unreachable when fetch itself fails', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const http = createHttpClient({ getToken: () => null });
    const error = await http.request('GET', '/api/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('NETWORK_ERROR');
    expect((error as ApiError).status).toBe(0);
    expect(describeError(error)).toMatch(/API is unreachable/);
  });
});
