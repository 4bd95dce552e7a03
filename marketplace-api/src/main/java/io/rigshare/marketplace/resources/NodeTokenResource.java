package io.rigshare.marketplace.resources;

import io.dropwizard.auth.Auth;
import io.rigshare.marketplace.api.NodeTokenApi;
import io.rigshare.marketplace.api.NodeTokenApi.Created;
import io.rigshare.marketplace.api.NodeTokenApi.Listing;
import io.rigshare.marketplace.api.NodeTokenApi.Summary;
import io.rigshare.marketplace.auth.WalletPrincipal;
import io.rigshare.marketplace.config.RateLimitConfig;
import io.rigshare.marketplace.core.NodeTokenService;
import io.rigshare.marketplace.core.RateLimiter;
import io.rigshare.marketplace.web.ClientIp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("/node-tokens")
@Produces(MediaType.APPLICATION_JSON)
public class NodeTokenResource {
  private final NodeTokenService tokens;
  private final RateLimiter limiter;
  private final RateLimitConfig limits;
  private final ClientIp clientIp;

  public NodeTokenResource(
      NodeTokenService tokens, RateLimiter limiter, RateLimitConfig limits, ClientIp clientIp) {
    this.tokens = tokens;
    this.limiter = limiter;
    this.limits = limits;
    this.clientIp = clientIp;
  }

  @POST
  public Response issue(
      @Auth WalletPrincipal principal, @Context HttpServletRequest request, @Context UriInfo uri) {
    limiter.check("node-tokens", limits.getNodeTokens(), clientIp.of(request), principal.address());
    NodeTokenService.IssuedToken issued = tokens.issue(principal.address());
    return Response.created(uri.getAbsolutePathBuilder().path(issued.id().toString()).build())
        .entity(new Created(issued.id(), issued.token(), issued.expiresAt(), issued.agentCommand(), issued.installCommand()))
        .build();
  }

  @GET
  public Listing list(@Auth WalletPrincipal principal) {
    return new Listing(tokens.listActive(principal.address()).stream().map(Summary::of).toList());
  }

  @GET
  @Path("{id}")
  public NodeTokenApi.Status status(@Auth WalletPrincipal principal, @PathParam("id") String id) {
    return tokens.status(principal.address(), id);
  }

  @DELETE
  @Path("{id}")
  public void revoke(@Auth WalletPrincipal principal, @PathParam("id") String id) {
    tokens.revoke(principal.address(), id);
  }
}
