package io.rigshare.marketplace.resources;

import io.dropwizard.auth.Auth;
import io.rigshare.marketplace.api.AuthApi.ChallengeRequest;
import io.rigshare.marketplace.api.AuthApi.ChallengeResponse;
import io.rigshare.marketplace.api.AuthApi.Me;
import io.rigshare.marketplace.api.AuthApi.SessionRequest;
import io.rigshare.marketplace.api.AuthApi.SessionResponse;
import io.rigshare.marketplace.api.AuthApi.SignInInput;
import io.rigshare.marketplace.auth.AuthService;
import io.rigshare.marketplace.auth.WalletPrincipal;
import io.rigshare.marketplace.config.RateLimitConfig;
import io.rigshare.marketplace.core.RateLimiter;
import io.rigshare.marketplace.web.ClientIp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
  private final AuthService auth;
  private final RateLimiter limiter;
  private final RateLimitConfig limits;
  private final ClientIp clientIp;
  private final Set<String> operators;

  public AuthResource(
      AuthService auth, RateLimiter limiter, RateLimitConfig limits, ClientIp clientIp, Set<String> operators) {
    this.auth = auth;
    this.limiter = limiter;
    this.limits = limits;
    this.clientIp = clientIp;
    this.operators = Set.copyOf(operators);
  }

  @POST
  @Path("auth/challenge")
  public ChallengeResponse challenge(
      @Context HttpServletRequest request, @NotNull @Valid ChallengeRequest body) {
    limiter.check("challenge", limits.getChallenge(), clientIp.of(request), body.address());
    AuthService.IssuedChallenge issued = auth.challenge(body.address());
    return new ChallengeResponse(
        issued.message(), issued.input().nonce(), issued.expiresAt(), SignInInput.of(issued.input()));
  }

  @POST
  @Path("auth/session")
  public SessionResponse signIn(@Context HttpServletRequest request, @NotNull @Valid SessionRequest body) {
    limiter.check("session", limits.getSession(), clientIp.of(request), body.address());
    AuthService.NewSession session = auth.signIn(body.address(), body.message(), body.signature());
    return new SessionResponse(session.token(), session.address(), session.expiresAt());
  }

  @DELETE
  @Path("auth/session")
  public void signOut(@Auth WalletPrincipal principal) {
    auth.signOut(principal);
  }

  @GET
  @Path("me")
  public Me me(@Auth WalletPrincipal principal) {
    return new Me(principal.address(), operators.contains(principal.address()));
  }
}
