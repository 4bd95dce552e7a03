package io.rigshare.marketplace.web;

import jakarta.servlet.http.HttpServletRequest;

/** The client's address for rate limiting: the peer, or the first hop of a trusted balancer's header. */
public final class ClientIp {
  private final String header;

  public ClientIp(String header) {
    this.header = header;
  }

  public String of(HttpServletRequest request) {
    if (!header.isEmpty()) {
      String forwarded = request.getHeader(header);
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",", 2)[0].strip();
      }
    }
    return request.getRemoteAddr();
  }
}
