package io.rigshare.marketplace.resources;

import io.rigshare.marketplace.core.Chain;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Public facts about the chain: cluster, reward-token mint and decimals, the treasury that receives deposits. */
@Path("/chain")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {
  private final Chain chain;

  public ChainResource(Chain chain) {
    this.chain = chain;
  }

  @GET
  public Chain.Info get() {
    if (chain == null) {
      throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "no Solana cluster is configured on this instance");
    }
    return chain.info();
  }
}
