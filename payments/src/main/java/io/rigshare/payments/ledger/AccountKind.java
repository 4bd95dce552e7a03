package io.rigshare.payments.ledger;

/** The kinds of ledger account. Singletons have no owner; the others belong to a wallet. */
public enum AccountKind {
  TREASURY(false),
  BUYER(true),
  ESCROW(true),
  HOST_EARNINGS(true),
  PLATFORM_FEES(false),
  PAYOUTS_IN_FLIGHT(true);

  private final boolean owned;

  AccountKind(boolean owned) {
    this.owned = owned;
  }

  public boolean owned() {
    return owned;
  }

  /** Only the treasury may go below zero; see the package comment for why. */
  public boolean allowNegative() {
    return this == TREASURY;
  }

  /** The value stored in {@code ledger_accounts.kind}. */
  public String dbName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static AccountKind fromDb(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
