import { ApiError, UNAUTHORIZED, errorFromResponse, networkError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /** Send the session's bearer token (default true). */
  auth?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key` or `Last-Event-ID`. */
  headers?: Record<string, string>;
}

/** A small JSON-over-HTTP client for the Rigshare API, bound to the current session. */
export interface HttpClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  /**
   * Sends a request and resolves the successful response unread, for bodies read as a stream
   * (Server-Sent Events). Failures throw like `request`; `Accept` defaults to JSON.
   */
  open(method: HttpMethod, path: string, options?: RequestOptions): Promise<Response>;
}

export interface HttpClientOptions {
  /** The bearer token to send, or null when signed out. Read on every call. */
  getToken: () => string | null;
  /**
   * Called for every 401, before the error is thrown, with the token that was refused (null when
   * none was sent), so the session can be dropped.
   */
  onUnauthorized?: (error: ApiError, sentToken: string | null) => void;
  baseUrl?: string;
}

export function createHttpClient({
  getToken,
  onUnauthorized,
  baseUrl = '',
}: HttpClientOptions): HttpClient {
  async function open(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const token = options.auth === false ? null : getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }

    let response: Response;
    try {
      // Looked up on each call so tests (and polyfills) can replace it.
      response = await globalThis.fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body,
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw networkError();
    }

    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (response.status === 401 || error.code === UNAUTHORIZED) onUnauthorized?.(error, token);
      throw error;
    }
    return response;
  }

  return {
    open,
    async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
      const response = await open(method, path, options);
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ApiError(
          'BAD_RESPONSE',
          'The server sent a response this page cannot read. Reload the page and try again.',
          response.status,
        );
      }
    },
  };
}
