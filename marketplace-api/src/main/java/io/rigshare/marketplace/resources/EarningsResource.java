package io.rigshare.marketplace.resources;

import io.dropwizard.auth.Auth;
import io.rigshare.marketplace.api.PaymentApi;
import io.rigshare.marketplace.auth.WalletPrincipal;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.money.Money;
import io.rigshare.payments.earnings.EarningsReport;
import io.rigshare.payments.earnings.GroupBy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The signed-in wallet's earnings as a host, by UTC day or by node, split into paid and pending (first in, first
 * out against its confirmed earnings payouts), as JSON or CSV.
 */
@Path("/earnings")
@Produces(MediaType.APPLICATION_JSON)
public class EarningsResource {
  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 366;

  private final Money money;
  private final Clock clock;

  public EarningsResource(Money money, Clock clock) {
    this.money = money;
    this.clock = clock;
  }

  @GET
  public PaymentApi.EarningsReport report(
      @Auth WalletPrincipal principal,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    return view(read(principal.address(), from, to, groupBy));
  }

  @GET
  @Path("export.csv")
  @Produces(PayoutResource.CSV)
  public Response export(
      @Auth WalletPrincipal principal,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    EarningsReport report = read(principal.address(), from, to, groupBy);
    return PayoutResource.csv("rigshare-earnings-" + report.from() + "-" + report.to() + ".csv",
        out -> money.earnings().writeCsv(report, out));
  }

  private EarningsReport read(String wallet, String from, String to, String groupBy) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate end = to == null || to.isBlank() ? today : date("to", to);
    LocalDate start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
    if (start.isAfter(end)) {
      throw ApiException.validation("from: must not be after to");
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      throw ApiException.validation("from: at most " + MAX_DAYS + " days before to");
    }
    GroupBy by = switch (groupBy == null || groupBy.isBlank() ? "day" : groupBy) {
      case "day" -> GroupBy.DAY;
      case "node" -> GroupBy.NODE;
      default -> throw ApiException.validation("groupBy: day or node");
    };
    return money.earnings().report(wallet, start, end, by, money.paidEarnings(wallet));
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.validation(name + ": a date such as 2026-11-23");
    }
  }

  static PaymentApi.EarningsReport view(EarningsReport r) {
    return new PaymentApi.EarningsReport(r.from(), r.to(), r.groupBy().name().toLowerCase(java.util.Locale.ROOT),
        r.rows().stream().map(row -> new PaymentApi.EarningsRow(row.key(), row.nodeName() != null ? row.nodeName() : row.key(), row.jobs(),
            row.billedSeconds(), Long.toString(row.earned()), Long.toString(row.pending()),
            Long.toString(row.paid()))).toList(),
        new PaymentApi.EarningsTotals(r.totals().jobs(), r.totals().billedSeconds(),
            Long.toString(r.totals().earned()), Long.toString(r.totals().pending()),
            Long.toString(r.totals().paid())));
  }
}
