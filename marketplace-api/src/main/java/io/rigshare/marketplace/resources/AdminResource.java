package io.rigshare.marketplace.resources;

import io.dropwizard.auth.Auth;
import io.rigshare.marketplace.api.PaymentApi;
import io.rigshare.marketplace.auth.WalletPrincipal;
import io.rigshare.marketplace.core.Chain;
import io.rigshare.marketplace.db.OperatorDao;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.marketplace.money.Money;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.ledger.LedgerReport;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The operator's views across all wallets. Only wallets listed in {@code payments.operators}; others get FORBIDDEN. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
  private static final Set<String> STATES = Set.of("online", "offline", "installing", "maintenance");

  private final Set<String> operators;
  private final Jdbi jdbi;
  private final Money money;
  private final Chain chain;

  /** @param chain null when the service runs without one */
  public AdminResource(Set<String> operators, Jdbi jdbi, Money money, Chain chain) {
    this.operators = Set.copyOf(operators);
    this.jdbi = jdbi;
    this.money = money;
    this.chain = chain;
  }

  private void requireOperator(WalletPrincipal principal) {
    if (!operators.contains(principal.address())) {
      throw new ApiException(ErrorCode.FORBIDDEN, "this wallet is not an operator of this service");
    }
  }

  public record NodePage(List<PaymentApi.AdminNode> items, boolean hasMore, Map<String, Long> states) {}

  @GET
  @Path("nodes")
  public NodePage nodes(
      @Auth WalletPrincipal principal,
      @QueryParam("state") String state,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(1_000_000) int offset) {
    requireOperator(principal);
    if (state != null && !state.isBlank() && !STATES.contains(state)) {
      throw ApiException.validation("state: one of " + STATES);
    }
    String filter = state == null || state.isBlank() ? null : state;
    return jdbi.withExtension(OperatorDao.class, dao -> {
      List<OperatorDao.NodeRow> rows = dao.nodes(filter, limit + 1, offset);
      Map<String, Long> states = new LinkedHashMap<>();
      dao.nodeStates().forEach(s -> states.put(s.state(), s.nodes()));
      return new NodePage(rows.stream().limit(limit).map(n -> new PaymentApi.AdminNode(n.id(), n.name(), n.owner(),
          n.state(), n.verification(), n.verificationReason(), n.gpuModel(), n.gpuCount(), n.lastSeenAt())).toList(),
          rows.size() > limit, states);
    });
  }

  @GET
  @Path("errors")
  public PaymentApi.Items<PaymentApi.Problem> errors(@Auth WalletPrincipal principal) {
    requireOperator(principal);
    return new PaymentApi.Items<>(jdbi.withExtension(OperatorDao.class, dao -> dao.recentErrors(100)).stream()
        .map(e -> new PaymentApi.Problem(e.at(), e.source(), e.message())).toList());
  }

  @GET
  @Path("payouts")
  public PaymentApi.Items<PaymentApi.BatchInFlight> payouts(@Auth WalletPrincipal principal) {
    requireOperator(principal);
    if (chain == null) {
      return new PaymentApi.Items<>(List.of());
    }
    return new PaymentApi.Items<>(money.payouts().inFlight().stream()
        .map(b -> new PaymentApi.BatchInFlight(b.id(), b.status(), b.items(), Long.toString(b.amount()),
            b.signature(), b.attempts(), b.updatedAt(), b.error()))
        .toList());
  }

  /**
   * The ledger's own invariants, and with a chain whether the treasury's tokens cover what the ledger owes: the
   * treasury account's balance is minus the sum owed to buyers, hosts and the platform.
   */
  @GET
  @Path("ledger/check")
  public PaymentApi.LedgerCheck ledgerCheck(@Auth WalletPrincipal principal) {
    requireOperator(principal);
    LedgerReport report = new LedgerCheck(jdbi).run();
    List<String> problems = new ArrayList<>(report.problems());
    long liabilities = -money.ledger().balance(AccountRef.treasury());
    String onChain = null;
    if (chain != null) {
      long held = chain.client().tokenBalance(chain.info().treasury()).baseUnits();
      onChain = Long.toString(held);
      if (held < liabilities) {
        problems.add("the treasury holds " + held + " base units on chain but owes " + liabilities);
      }
    }
    return new PaymentApi.LedgerCheck(problems.isEmpty(), report.accounts(), report.transfers(),
        report.totalBalance().toString(), problems, onChain, Long.toString(liabilities));
  }
}
