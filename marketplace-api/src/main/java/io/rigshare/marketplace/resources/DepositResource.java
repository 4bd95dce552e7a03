package io.rigshare.marketplace.resources;

import io.dropwizard.auth.Auth;
import io.rigshare.marketplace.api.PaymentApi;
import io.rigshare.marketplace.auth.WalletPrincipal;
import io.rigshare.marketplace.core.Ids;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.money.Money;
import io.rigshare.payments.deposits.Deposit;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in wallet's balance and its Solana Pay deposits. A deposit of another wallet answers NOT_FOUND. Without
 * a chain, creating a deposit answers SERVICE_UNAVAILABLE.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DepositResource {
  private final Money money;

  public DepositResource(Money money) {
    this.money = money;
  }

  @GET
  @Path("balance")
  public PaymentApi.Balance balance(@Auth WalletPrincipal principal) {
    return money.balance(principal.address());
  }

  @POST
  @Path("deposits")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth WalletPrincipal principal, PaymentApi.AmountRequest body, @Context UriInfo uri) {
    if (body == null) {
      throw ApiException.validation("amount: required, base units as a digit string");
    }
    PaymentApi.Deposit deposit = money.view(money.createDeposit(principal.address(), body.baseUnits()));
    return Response.created(uri.getAbsolutePathBuilder().path(deposit.id().toString()).build())
        .entity(deposit).build();
  }

  @GET
  @Path("deposits")
  public PaymentApi.Page<PaymentApi.Deposit> list(
      @Auth WalletPrincipal principal,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(1_000_000) int offset) {
    List<Deposit> page = money.deposits().list(principal.address(), limit + 1, offset);
    return new PaymentApi.Page<>(
        page.stream().limit(limit).map(money::view).toList(), page.size() > limit);
  }

  @GET
  @Path("deposits/{id}")
  public PaymentApi.Deposit get(@Auth WalletPrincipal principal, @PathParam("id") String id) {
    return money.view(find(principal, id));
  }

  @POST
  @Path("deposits/{id}/check")
  public PaymentApi.Deposit check(@Auth WalletPrincipal principal, @PathParam("id") String id) {
    Deposit deposit = find(principal, id);
    if (money.deposits().check(principal.address(), deposit.id())) {
      money.fundsChanged(principal.address());
    }
    return money.view(find(principal, id));
  }

  private Deposit find(WalletPrincipal principal, String id) {
    UUID depositId = Ids.parse(id).orElseThrow(() -> ApiException.notFound("deposit"));
    return money.deposits().find(principal.address(), depositId)
        .orElseThrow(() -> ApiException.notFound("deposit"));
  }
}
