package io.rigshare.agent.jobs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one output stream read by read: malformed bytes become U+FFFD, and a character split between two reads is
 * carried over whole to the next chunk rather than replaced. At most 3 bytes are carried.
 */
final class Utf8Chunks {
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private byte[] carried = new byte[0];

  /** Bytes held back from the last read, the start of a character still incomplete. */
  int carried() {
    return carried.length;
  }

  /** The text of the carried bytes and {@code bytes[offset, offset + length)}, less an incomplete tail. */
  String decode(byte[] bytes, int offset, int length) {
    ByteBuffer in = ByteBuffer.allocate(carried.length + length);
    in.put(carried).put(bytes, offset, length).flip();
    String text = decode(in, false);
    carried = new byte[in.remaining()];
    in.get(carried);
    return text;
  }

  /** At the end of the stream: the carried bytes, which can only be malformed now, as U+FFFD. */
  String finish() {
    ByteBuffer in = ByteBuffer.wrap(carried);
    carried = new byte[0];
    String text = decode(in, true);
    decoder.reset();
    return text;
  }

  /** Drops the carried bytes (the stream was cut there on purpose). */
  void discard() {
    carried = new byte[0];
    decoder.reset();
  }

  private String decode(ByteBuffer in, boolean endOfInput) {
    // UTF-8 never yields more chars than bytes (4 bytes: 2 chars; each malformed byte: at most 1 char).
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    CoderResult result = decoder.decode(in, out, endOfInput);
    while (result.isOverflow()) {
      CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
      out.flip();
      bigger.put(out);
      out = bigger;
      result = decoder.decode(in, out, endOfInput);
    }
    if (endOfInput) {
      decoder.flush(out);
    }
    return out.flip().toString();
  }
}
