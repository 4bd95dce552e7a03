package io.rigshare.payments.ledger;

import java.util.Comparator;
import java.util.Objects;

/**
 * Names a ledger account: its kind and, for owned kinds, the wallet that owns it (buyer, escrow, host earnings,
 * payouts in flight). Escrow is per buyer wallet: one account holds everything escrowed for that buyer's jobs. Accounts
 * are created the first time a transfer names them.
 */
public record AccountRef(AccountKind kind, String owner) implements Comparable<AccountRef> {
  private static final Comparator<AccountRef> ORDER =
      Comparator.comparing(AccountRef::kind)
          .thenComparing(AccountRef::owner, Comparator.nullsFirst(Comparator.naturalOrder()));

  public AccountRef {
    Objects.requireNonNull(kind, "kind");
    if (kind.owned() && (owner == null || owner.isBlank())) {
      throw new IllegalArgumentException(kind.dbName() + " account needs an owner");
    }
    if (!kind.owned() && owner != null) {
      throw new IllegalArgumentException(kind.dbName() + " account has no owner");
    }
  }

  public static AccountRef treasury() {
    return new AccountRef(AccountKind.TREASURY, null);
  }

  public static AccountRef platformFees() {
    return new AccountRef(AccountKind.PLATFORM_FEES, null);
  }

  public static AccountRef buyer(String wallet) {
    return new AccountRef(AccountKind.BUYER, wallet);
  }

  /** What is held for all of one buyer's jobs that have not been settled yet. */
  public static AccountRef escrow(String buyerWallet) {
    return new AccountRef(AccountKind.ESCROW, buyerWallet);
  }

  public static AccountRef hostEarnings(String wallet) {
    return new AccountRef(AccountKind.HOST_EARNINGS, wallet);
  }

  public static AccountRef payoutsInFlight(String wallet) {
    return new AccountRef(AccountKind.PAYOUTS_IN_FLIGHT, wallet);
  }

  @Override
  public int compareTo(AccountRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return owner == null ? kind.dbName() : kind.dbName() + ":" + owner;
  }
}
