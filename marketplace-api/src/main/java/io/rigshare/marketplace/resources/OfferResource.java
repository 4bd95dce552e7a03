package io.rigshare.marketplace.resources;

import io.rigshare.marketplace.core.Ids;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.offers.OfferCursor;
import io.rigshare.marketplace.offers.OfferService;
import io.rigshare.marketplace.offers.OfferSummaries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The public marketplace: GPU offers of online, verified nodes with a free GPU. No session needed. {@code
 * minReliability} is a percentage (0 to 100). Pages are offsets ({@code page}) or, at any depth, the cursor of the
 * previous page ({@code after=<next>}).
 */
@Path("/offers")
@Produces(MediaType.APPLICATION_JSON)
public class OfferResource {
  private final OfferService offers;
  private final OfferSummaries summaries;

  public OfferResource(OfferService offers, OfferSummaries summaries) {
    this.offers = offers;
    this.summaries = summaries;
  }

  @GET
  public OfferService.Page list(
      @QueryParam("model") String model,
      @QueryParam("minVramGb") @Min(0) @Max(4096) Long minVramGb,
      @QueryParam("minScore") @Min(0) Long minScore,
      @QueryParam("maxPricePerGpuHour") @Min(1) Long maxPrice,
      @QueryParam("minReliability") @Min(0) @Max(100) Integer minReliability,
      @QueryParam("sort") @DefaultValue("pricePerUnit") String sort,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(100) int size,
      @QueryParam("after") String after) {
    String modelFilter = model == null || model.isBlank() ? null : model.strip();
    if (modelFilter != null && modelFilter.length() > 64) {
      throw ApiException.validation("model: at most 64 characters");
    }
    return offers.list(new OfferService.Filter(modelFilter, minVramGb, minScore, maxPrice,
        minReliability == null ? null : minReliability * 100), sort, page, size,
        after == null || after.isEmpty() ? null : OfferCursor.parse(after));
  }

  @GET
  @Path("summary")
  public OfferService.Summary summary() {
    return summaries.current();
  }

  /** One node's offer; NOT_FOUND when it is not listed now (offline, unverified, fully busy, or unknown). */
  @GET
  @Path("{id}")
  public OfferService.Offer get(@PathParam("id") String id) {
    return Ids.parse(id).flatMap(offers::find).orElseThrow(() -> ApiException.notFound("offer"));
  }
}
