package io.rigshare.payments.ledger;

import java.util.Objects;

/** One leg of a transfer: {@code amount} base units added to the account's balance (negative takes away). */
public record Entry(AccountRef account, long amount) {
  public Entry {
    Objects.requireNonNull(account, "account");
  }

  public static Entry credit(AccountRef account, long amount) {
    return new Entry(account, amount);
  }

  public static Entry debit(AccountRef account, long amount) {
    return new Entry(account, Math.negateExact(amount));
  }
}
