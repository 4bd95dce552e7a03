package io.rigshare.marketplace.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand, for what the JDK client will not do: send headers that promise a body and then read the
 * answer without sending it.
 */
public final class RawHttp {
  private RawHttp() {}

  /** Sends the head and the given body parts (stopping quietly if the server closes), then reads the reply. */
  public static String exchange(int port, String head, byte[]... parts) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      try {
        for (byte[] part : parts) {
          out.write(part);
        }
        out.flush();
      } catch (SocketException closedEarly) {
        // The server answered and closed before taking the whole body: what we are testing for.
      }
      return readReply(socket.getInputStream());
    }
  }

  private static String readReply(InputStream in) throws IOException {
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        reply.write(buffer, 0, n);
        String text = reply.toString(StandardCharsets.UTF_8);
        int bodyStart = text.indexOf("\r\n\r\n");
        if (bodyStart > 0 && text.contains("}")) {
          return text;
        }
      }
    } catch (SocketException reset) {
      // A reset after the reply arrived still leaves the reply in hand.
    }
    return reply.toString(StandardCharsets.UTF_8);
  }
}
