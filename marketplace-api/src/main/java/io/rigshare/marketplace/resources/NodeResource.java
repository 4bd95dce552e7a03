package io.rigshare.marketplace.resources;

import io.dropwizard.auth.Auth;
import io.rigshare.marketplace.api.JobApi;
import io.rigshare.marketplace.api.NodeApi;
import io.rigshare.marketplace.api.NodeApi.Detail;
import io.rigshare.marketplace.api.NodeApi.View;
import io.rigshare.marketplace.auth.WalletPrincipal;
import io.rigshare.marketplace.core.NodeService;
import io.rigshare.marketplace.core.TelemetryService;
import io.rigshare.marketplace.db.NodeDao.Node;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.jobs.JobService;
import io.rigshare.marketplace.offers.MarketService;
import io.rigshare.marketplace.offers.Pricing;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A wallet's own nodes. Every lookup goes through the owner: another wallet's node is NOT_FOUND. */
@Path("/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {
  private final NodeService nodes;
  private final TelemetryService telemetry;
  private final JobService jobs;
  private final MarketService market;

  public NodeResource(NodeService nodes, TelemetryService telemetry, JobService jobs, MarketService market) {
    this.nodes = nodes;
    this.telemetry = telemetry;
    this.jobs = jobs;
    this.market = market;
  }

  /** The node against the market: price, bounds, suggestion, demand, verification, reliability, idle reasons. */
  @GET
  @Path("{id}/market")
  public MarketService.NodeMarket market(@Auth WalletPrincipal principal, @PathParam("id") String id) {
    return market.of(nodes.mine(principal.address(), id), jobs.config().getDefaultPricePerGpuHour());
  }

  @GET
  @Path("mine")
  public NodeApi.Page mine(
      @Auth WalletPrincipal principal,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    NodeService.Page result = nodes.listMine(principal.address(), page, size);
    return new NodeApi.Page(result.items().stream().map(this::view).toList(), page, size, result.total());
  }

  @GET
  @Path("{id}")
  public Detail get(@Auth WalletPrincipal principal, @PathParam("id") String id) {
    Node node = nodes.mine(principal.address(), id);
    return new Detail(view(node), nodes.transitions(node, 100));
  }

  @GET
  @Path("{id}/telemetry")
  public NodeApi.Telemetry telemetry(
      @Auth WalletPrincipal principal,
      @PathParam("id") String id,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Node node = nodes.mine(principal.address(), id);
    return telemetry.series(node.id(), instant("from", from), instant("to", to));
  }

  /** The job attempts this node ran or holds, newest first. */
  @GET
  @Path("{id}/jobs")
  public JobApi.NodeJobPage jobs(
      @Auth WalletPrincipal principal,
      @PathParam("id") String id,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    return jobs.nodeJobs(nodes.mine(principal.address(), id), page, size);
  }

  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public View update(
      @Auth WalletPrincipal principal, @PathParam("id") String id, @NotNull @Valid NodeApi.UpdateRequest body) {
    if (body.pricePerGpuHour() != null) {
      Node node = nodes.mine(principal.address(), id);
      if (node.benchmarkScore() != null && node.benchmarkScore() > 0) {
        Pricing.Bounds bounds = market.pricing().bounds(node.benchmarkScore());
        if (!bounds.contains(body.pricePerGpuHour())) {
          throw ApiException.validation("pricePerGpuHour: must be between " + bounds.min() + " and " + bounds.max()
              + " base units for a node scoring " + node.benchmarkScore());
        }
      }
    }
    NodeService.Changes changes = new NodeService.Changes(
        body.name() == null ? null : body.name().strip(), body.maintenance(),
        body.limits() == null ? null : body.limits().toLimits(), body.pricePerGpuHour(), body.region());
    return view(nodes.update(principal.address(), id, changes));
  }

  @DELETE
  @Path("{id}")
  public void delete(@Auth WalletPrincipal principal, @PathParam("id") String id) {
    nodes.delete(principal.address(), id);
  }

  private View view(Node node) {
    return View.of(node, jobs.config().getDefaultPricePerGpuHour());
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.validation(name + " must be an ISO-8601 instant such as 2026-11-23T10:00:00Z");
    }
  }
}
