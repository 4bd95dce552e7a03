/**
 * A Server-Sent Events parser for streams read with fetch(), which (unlike EventSource) can send
 * the bearer token in a header. It follows the HTML standard's "event stream interpretation":
 * lines end with CRLF, LF or CR; a blank line dispatches the event; `:` starts a comment (the
 * server's keep-alives); `data` lines are joined with "\n"; an event without data is not dispatched.
 * Input may be split anywhere, also inside a UTF-8 character or between CR and LF.
 */

export interface SseEvent {
  /** The `event` field, or "message" when absent. */
  type: string;
  data: string;
  /** The last `id` the stream set (it carries over to later events), or null. */
  lastEventId: string | null;
}

export class SseParser {
  private buffer = '';
  private afterCarriageReturn = false;
  private type = '';
  private data: string[] = [];
  private hasData = false;
  private lastEventId: string | null = null;
  /** The server's `retry` hint in milliseconds, if it sent one. */
  retryMs: number | null = null;

  /** Feeds decoded text; returns the events it completed, in order. */
  push(text: string): SseEvent[] {
    if (text === '') return [];
    // A CR ending the previous piece already ended its line: skip the LF of that CRLF.
    const input = this.afterCarriageReturn && text.startsWith('\n') ? text.slice(1) : text;
    this.afterCarriageReturn = false;
    this.buffer += input;

    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 === this.buffer.length) this.afterCarriageReturn = true;
        else if (this.buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.type = value;
        break;
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\u0000')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number.parseInt(value, 10);
        break;
      default:
      // Unknown fields are ignored.
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    const event = this.hasData
      ? { type: this.type || 'message', data: this.data.join('\n'), lastEventId: this.lastEventId }
      : null;
    this.type = '';
    this.data = [];
    this.hasData = false;
    return event;
  }
}

/** Bytes in, events out: a UTF-8 decoder (which keeps split characters) in front of the parser. */
export class SseDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser = new SseParser();
  private first = true;

  push(bytes: Uint8Array): SseEvent[] {
    let text = this.decoder.decode(bytes, { stream: true });
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    return this.parser.push(text);
  }

  get retryMs(): number | null {
    return this.parser.retryMs;
  }
}

/**
 * Reads a response body as events, one batch per network read, until the server closes it. An
 * event left unfinished by the close is dropped, as the standard says.
 */
export async function* readEventStream(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<SseEvent[], void, undefined> {
  const reader = body.getReader();
  const decoder = new SseDecoder();
  let finished = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      const events = decoder.push(value);
      if (events.length > 0) yield events;
    }
  } finally {
    // The reader stopped early (an `end` event, an error): close the connection.
    if (!finished) reader.cancel().catch(() => undefined);
  }
}
