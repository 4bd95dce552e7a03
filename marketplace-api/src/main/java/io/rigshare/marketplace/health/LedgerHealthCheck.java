package io.rigshare.marketplace.health;

import com.codahale.metrics.health.HealthCheck;
import io.rigshare.payments.ledger.LedgerCheck;
import io.rigshare.payments.ledger.LedgerReport;

/** Unhealthy as soon as the ledger breaks an invariant: balances not summing to zero, drift, overdraft. */
public class LedgerHealthCheck extends HealthCheck {
  private final LedgerCheck check;

  public LedgerHealthCheck(LedgerCheck check) {
    this.check = check;
  }

  @Override
  protected Result check() {
    LedgerReport report = check.run();
    return report.healthy()
        ? Result.healthy("balanced: everything sums to zero")
        : Result.unhealthy(String.join("; ", report.problems()));
  }
}
