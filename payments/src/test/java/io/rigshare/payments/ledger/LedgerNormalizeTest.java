package io.rigshare.payments.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerNormalizeTest {
  private static final UUID ID = UUID.randomUUID();
  private static final AccountRef A = AccountRef.buyer("alice");
  private static final AccountRef B = AccountRef.escrow("bob");

  @Test
  void mergesLegsOnOneAccountAndDropsZeros() {
    List<Entry> legs =
        Ledger.normalize(ID, List.of(Entry.debit(A, 5), Entry.credit(B, 5), Entry.debit(A, 2), Entry.credit(B, 2),
            new Entry(AccountRef.platformFees(), 0)));
    assertThat(legs).containsExactly(Entry.debit(A, 7), Entry.credit(B, 7));
  }

  @Test
  void refusesUnbalancedEmptyAndOverflowing() {
    assertThatThrownBy(() -> Ledger.normalize(ID, List.of(Entry.debit(A, 5), Entry.credit(B, 4))))
        .isInstanceOf(UnbalancedTransferException.class)
        .hasMessageContaining("sum to -1");
    assertThatThrownBy(() -> Ledger.normalize(ID, List.of(Entry.debit(A, 5), Entry.credit(A, 5))))
        .isInstanceOf(UnbalancedTransferException.class)
        .hasMessageContaining("moves nothing");
    assertThatThrownBy(
            () -> Ledger.normalize(ID, List.of(Entry.credit(A, Long.MAX_VALUE), Entry.credit(B, Long.MAX_VALUE))))
        .isInstanceOf(UnbalancedTransferException.class);
  }

  @Test
  void accountRefsCheckTheirOwner() {
    assertThatThrownBy(() -> AccountRef.buyer(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AccountRef(AccountKind.TREASURY, "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
