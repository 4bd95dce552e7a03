package io.rigshare.marketplace.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Request budgets for the endpoints that cost us work or mint secrets. Each is enforced per client IP and per
 * wallet. {@code clientIpHeader} names a header set by a trusted load balancer (e.g. {@code X-Forwarded-For}); left
 * empty, the socket's peer address is the client.
 */
public class RateLimitConfig {
  @JsonProperty private String clientIpHeader = "";

  @Valid @NotNull @JsonProperty private Limit challenge = new Limit(30, 10);
  @Valid @NotNull @JsonProperty private Limit session = new Limit(30, 10);
  @Valid @NotNull @JsonProperty private Limit nodeTokens = new Limit(30, 10);

  public String getClientIpHeader() {
    return clientIpHeader == null ? "" : clientIpHeader.strip();
  }

  public Limit getChallenge() {
    return challenge;
  }

  public Limit getSession() {
    return session;
  }

  public Limit getNodeTokens() {
    return nodeTokens;
  }
}
