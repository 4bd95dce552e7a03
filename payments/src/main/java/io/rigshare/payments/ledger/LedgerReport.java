package io.rigshare.payments.ledger;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** What {@link LedgerCheck} found, read from one consistent snapshot. */
public record LedgerReport(
    BigInteger totalBalance,
    long accounts,
    long transfers,
    long unbalancedTransfers,
    long driftedAccounts,
    long overdrawnAccounts) {

  public boolean healthy() {
    return problems().isEmpty();
  }

  /** One sentence per broken invariant; empty when the ledger is sound. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (totalBalance.signum() != 0) {
      problems.add("balances sum to " + totalBalance + ", not zero");
    }
    if (unbalancedTransfers > 0) {
      problems.add(unbalancedTransfers + " transfers do not sum to zero or have no entries");
    }
    if (driftedAccounts > 0) {
      problems.add(driftedAccounts + " accounts hold a balance other than the sum of their entries");
    }
    if (overdrawnAccounts > 0) {
      problems.add(overdrawnAccounts + " accounts that must not go negative are below zero");
    }
    return problems;
  }
}
