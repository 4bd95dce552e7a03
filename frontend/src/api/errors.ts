/** Every failed API call surfaces as one of these; `code` is the server's stable error code. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Seconds to wait before retrying, from a `Retry-After` header (429 and 503). */
  readonly retryAfter?: number;

  constructor(code: string, message: string, status: number, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** The request's answer, or null where the API answers 404: the thing is not there, or not this wallet's. */
export async function orNotFound<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Code used when the request never got an HTTP answer (server down, offline, proxy refused). */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const UNAUTHORIZED = 'UNAUTHORIZED';
export const RATE_LIMITED = 'RATE_LIMITED';

/**
 * Reads `Retry-After`, which HTTP allows as delay-seconds or as an HTTP date. Returns whole seconds
 * (at least 1 when the header is present and valid), or undefined when absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.max(1, Number.parseInt(value, 10));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(1, Math.ceil((date - now) / 1000));
}

function isErrorBody(body: unknown): body is { code: string; message: string } {
  if (typeof body !== 'object' || body === null) return false;
  const { code, message } = body as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

/** Builds an ApiError from a non-2xx response, whatever its body holds (JSON error, HTML, nothing). */
export async function errorFromResponse(
  response: Response,
  now: number = Date.now(),
): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now);
  let text = '';
  try {
    text = await response.text();
  } catch {
    // A body that cannot be read is treated like an empty one.
  }
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: a proxy page or a plain-text error; fall through to the generic message.
  }
  if (isErrorBody(body)) {
    return new ApiError(body.code, body.message, response.status, retryAfter);
  }
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(
    `HTTP_${response.status}`,
    `The server answered ${response.status}${statusText} without an explanation. Try again in a moment.`,
    response.status,
    retryAfter,
  );
}

export function networkError(): ApiError {
  return new ApiError(
    NETWORK_ERROR,
    'The Rigshare API is unreachable. Check your connection (or that the server is running) and try again.',
    0,
  );
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The sentence to show a person for any error thrown by an action. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.retryAfter !== undefined && (error.status === 429 || error.code === RATE_LIMITED)) {
      return `${error.message} Please wait ${formatWait(error.retryAfter)} before trying again.`;
    }
    if (error.status === 429) return `${error.message} Please wait a moment before trying again.`;
    return error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}
