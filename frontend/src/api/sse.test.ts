import { describe, expect, it } from 'vitest';
import { readEventStream, SseDecoder, SseParser, type SseEvent } from './sse';

const STREAM = [
  ': streaming the logs of job 5f0c\n',
  '\n',
  'id: 1.0\n',
  'event: log\n',
  'data: {"attempt":1,"seq":0,"stream":"stdout","data":"épöch 1 ✓\\n"}\n',
  '\n',
  ': keep-alive\n',
  '\n',
  'id: 1.1\n',
  'event: log\n',
  'data: {"attempt":1,"seq":1,"stream":"stderr","data":"warn 🚀"}\n',
  '\n',
  'event: end\n',
  'data: {"state":"succeeded","truncated":false}\n',
  '\n',
].join('');

const EXPECTED: SseEvent[] = [
  {
    type: 'log',
    data: '{"attempt":1,"seq":0,"stream":"stdout","data":"épöch 1 ✓\\n"}',
    lastEventId: '1.0',
  },
  {
    type: 'log',
    data: '{"attempt":1,"seq":1,"stream":"stderr","data":"warn 🚀"}',
    lastEventId: '1.1',
  },
  // The id carries over to later events, as the standard says.
  { type: 'end', data: '{"state":"succeeded","truncated":false}', lastEventId: '1.1' },
];

function decodeInPieces(bytes: Uint8Array, cuts: number[]): SseEvent[] {
  const decoder = new SseDecoder();
  const events: SseEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...decoder.push(bytes.slice(start, cut)));
    start = cut;
  }
  return events;
}

describe('SseParser', () => {
  it('reads log events and the end event, skipping comments and keep-alives', () => {
    expect(new SseParser().push(STREAM)).toEqual(EXPECTED);
  });

  it('gives the same events however the bytes are split, even inside a character', () => {
    const bytes = new TextEncoder().encode(STREAM);
    // Every single split point, and every pair of split points a prime stride apart.
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decodeInPieces(bytes, [cut])).toEqual(EXPECTED);
    }
    for (let a = 0; a < bytes.length; a += 7) {
      for (let b = a; b <= bytes.length; b += 13) {
        expect(decodeInPieces(bytes, [a, b])).toEqual(EXPECTED);
      }
    }
    // One byte at a time.
    expect(
      decodeInPieces(
        bytes,
        Array.from({ length: bytes.length }, (_, i) => i),
      ),
    ).toEqual(EXPECTED);
  });

  it('joins multi-line data with newlines and keeps empty data lines', () => {
    const events = new SseParser().push('data: first\ndata:second\ndata\ndata:  indented\n\n');
    expect(events).toEqual([
      { type: 'message', data: 'first\nsecond\n\n indented', lastEventId: null },
    ]);
  });

  it('accepts CRLF and CR line ends, also with CR and LF in different pieces', () => {
    const text = 'event: log\r\ndata: a\r\n\r\nevent: log\rdata: b\r\r';
    expect(new SseParser().push(text).map((e) => e.data)).toEqual(['a', 'b']);
    const parser = new SseParser();
    // A CRLF split after its CR is one line end, not a line end and a blank line.
    const split = [
      ...parser.push('data: x\r'),
      ...parser.push('\ndata: y\n'),
      ...parser.push('\n'),
    ];
    expect(split.map((e) => e.data)).toEqual(['x\ny']);
  });

  it('does not dispatch an event without data, and waits for the blank line', () => {
    const parser = new SseParser();
    expect(parser.push('event: end\n\n')).toEqual([]);
    expect(parser.push('id: 3.4\n\n')).toEqual([]);
    expect(parser.push('data: late\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ type: 'message', data: 'late', lastEventId: '3.4' }]);
  });

  it('reads retry, and ignores unknown fields and ids with NUL', () => {
    const parser = new SseParser();
    const events = parser.push('retry: 2500\nfoo: bar\nid: a\u0000b\ndata: x\n\n');
    expect(events).toEqual([{ type: 'message', data: 'x', lastEventId: null }]);
    expect(parser.retryMs).toBe(2500);
  });

  it('drops a leading byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('data: x\n\n')]);
    expect(decodeInPieces(bytes, [1, 2])).toEqual([
      { type: 'message', data: 'x', lastEventId: null },
    ]);
  });
});

describe('readEventStream', () => {
  it('yields events per read and drops an event the close left unfinished', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('data: one\n\nda'));
        controller.enqueue(encoder.encode('ta: two\n\n: ping\n\n'));
        controller.enqueue(encoder.encode('data: cut off'));
        controller.close();
      },
    });
    const batches: string[][] = [];
    for await (const events of readEventStream(body)) batches.push(events.map((e) => e.data));
    expect(batches).toEqual([['one'], ['two']]);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('event: end\ndata: {}\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const events of readEventStream(body)) {
      if (events.some((e) => e.type === 'end')) break;
    }
    expect(cancelled).toBe(true);
  });
});
