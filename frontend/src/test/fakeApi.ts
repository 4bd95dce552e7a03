import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  path: string;
  /** The query string's parameters. */
  query: Record<string, string>;
  body: unknown;
  authorization: string | null;
}

export type Handler = (call: RecordedCall) => Response | Promise<Response>;

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/**
 * Replaces global fetch with a router over "METHOD /path" keys. A handler may be a list, used
 * one answer per call (the last one repeats). Unknown routes answer 404 and are recorded.
 */
export function stubApi(routes: Record<string, Handler | Handler[]>) {
  const calls: RecordedCall[] = [];
  const sentHeaders = new WeakMap<RecordedCall, Headers>();
  const counts = new Map<string, number>();
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const call: RecordedCall = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: headers.get('Authorization'),
    };
    calls.push(call);
    sentHeaders.set(call, headers);
    const key = `${method} ${url.pathname}`;
    const route = routes[key];
    if (!route) return json(404, { code: 'NOT_FOUND', message: `No stub for ${key}` });
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    const handler = Array.isArray(route) ? route[Math.min(n, route.length - 1)] : route;
    return handler(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    callsTo: (method: string, path: string) =>
      calls.filter((c) => c.method === method && c.path === path),
    /** The request headers a call was sent with. */
    headersOf: (call: RecordedCall) => sentHeaders.get(call)!,
  };
}

/**
 * A `text/event-stream` answer. Its body sends `parts` (text, or raw bytes) and then closes, unless
 * `open`: then it stays open for `push` and `close` (or `fail`, a dropped connection).
 */
export function eventStream(parts: (string | Uint8Array)[], { open = false } = {}) {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      for (const part of parts) c.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
      if (!open) c.close();
    },
  });
  return {
    response: new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'text/event-stream' },
    }),
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
    fail: () => controller.error(new TypeError('network error')),
  };
}

/** The SSE text of one `log` event for a chunk. */
export function logEvent(chunk: { attempt: number; seq: number; stream: string; data: string }) {
  const full = { at: '2026-03-01T12:00:00.000Z', ...chunk };
  return `id: ${chunk.attempt}.${chunk.seq}\nevent: log\ndata: ${JSON.stringify(full)}\n\n`;
}

export const END_EVENT = 'event: end\ndata: {"state":"succeeded","truncated":false}\n\n';
