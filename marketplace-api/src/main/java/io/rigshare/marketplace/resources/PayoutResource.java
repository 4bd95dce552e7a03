package io.rigshare.marketplace.resources;

import io.dropwizard.auth.Auth;
import io.rigshare.marketplace.api.PaymentApi;
import io.rigshare.marketplace.auth.WalletPrincipal;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.money.Money;
import io.rigshare.payments.payouts.Payout;
import io.rigshare.payments.payouts.Withdrawal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The wallet's withdrawals and payouts (JSON pages and CSV), all read for the signed-in wallet only. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PayoutResource {
  static final String CSV = "text/csv";
  private final Money money;

  public PayoutResource(Money money) {
    this.money = money;
  }

  @POST
  @Path("withdrawals")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response withdraw(@Auth WalletPrincipal principal, PaymentApi.AmountRequest body, @Context UriInfo uri) {
    if (body == null) {
      throw ApiException.validation("amount: required, base units as a digit string");
    }
    PaymentApi.Withdrawal withdrawal = money.withdraw(principal.address(), body.baseUnits());
    return Response.created(uri.getAbsolutePathBuilder().path(withdrawal.id().toString()).build())
        .entity(withdrawal).build();
  }

  @GET
  @Path("withdrawals")
  public PaymentApi.Page<PaymentApi.Withdrawal> withdrawals(
      @Auth WalletPrincipal principal,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(1_000_000) int offset) {
    List<Withdrawal> page = money.payouts().withdrawals(principal.address(), limit + 1, offset);
    return new PaymentApi.Page<>(page.stream().limit(limit).map(money::view).toList(), page.size() > limit);
  }

  @GET
  @Path("payouts")
  public PaymentApi.Page<PaymentApi.Payout> payouts(
      @Auth WalletPrincipal principal,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(1_000_000) int offset) {
    List<Payout> page = money.payouts().payouts(principal.address(), limit + 1, offset);
    return new PaymentApi.Page<>(page.stream().limit(limit).map(money::view).toList(), page.size() > limit);
  }

  @GET
  @Path("payouts/export.csv")
  @Produces(CSV)
  public Response exportPayouts(@Auth WalletPrincipal principal) {
    var payouts = money.payouts();
    return csv("rigshare-payouts.csv", out -> payouts.writeCsv(principal.address(), out));
  }

  /** Something that writes CSV text. */
  interface CsvWriter {
    void write(Writer out) throws IOException;
  }

  /** A streamed CSV download: rows are written as they are read, never held whole in memory. */
  static Response csv(String fileName, CsvWriter writer) {
    StreamingOutput body = stream -> {
      Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
      writer.write(out);
      out.flush();
    };
    return Response.ok(body, CSV + "; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
  }
}
