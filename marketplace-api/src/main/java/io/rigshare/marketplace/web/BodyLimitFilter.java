package io.rigshare.marketplace.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.marketplace.errors.ErrorResponse;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Refuses bodies over the configured size with 413 {@code PAYLOAD_TOO_LARGE} before anything parses them, whether
 * the client declared a Content-Length or streamed chunks. Accepted bodies are buffered (they are small) and replayed.
 */
public class BodyLimitFilter implements Filter {
  private final int maxBytes;
  private final ObjectMapper json;

  public BodyLimitFilter(int maxBytes, ObjectMapper json) {
    this.maxBytes = maxBytes;
    this.json = json;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(request, response);
      return;
    }
    boolean hasBody = declared > 0 || request.getHeader("Transfer-Encoding") != null;
    if (!hasBody) {
      chain.doFilter(req, res);
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), maxBytes);
    if (body == null) {
      refuse(request, response);
      return;
    }
    chain.doFilter(new BufferedRequest(request, body), res);
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
    byte[] buffer = new byte[8192];
    int total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(413);
    response.setContentType("application/json");
    // The client may still be sending; closing tells it to stop instead of reading the rest on our time.
    response.setHeader("Connection", "close");
    json.writeValue(
        response.getOutputStream(),
        ErrorResponse.of(ErrorCode.PAYLOAD_TOO_LARGE, "request body is larger than " + maxBytes + " bytes"));
    response.flushBuffer();
  }

  private static final class BufferedRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("buffered body is read synchronously");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
