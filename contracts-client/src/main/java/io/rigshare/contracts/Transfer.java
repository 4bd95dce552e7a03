package io.rigshare.contracts;

import io.rigshare.protocol.crypto.Base58;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One SPL token transfer from the treasury to a wallet's associated token account, which must already exist.
 *
 * @param recipientOwner the wallet (owner) address, base58; its associated token account is derived
 * @param amount base units, more than zero
 * @param references Solana Pay reference keys, added to the instruction as read-only accounts so that
 *     {@code getSignaturesForAddress(reference)} finds the transaction; each costs 33 bytes or more
 */
public record Transfer(String recipientOwner, long amount, List<String> references) {
  public Transfer {
    Objects.requireNonNull(recipientOwner, "recipientOwner");
    Base58.decodeExact(recipientOwner, 32);
    if (amount <= 0) {
      throw new IllegalArgumentException("transfer amount must be positive: " + amount);
    }
    references = List.copyOf(references);
    references.forEach(reference -> Base58.decodeExact(reference, 32));
  }

  public static Transfer of(String recipientOwner, long amount) {
    return new Transfer(recipientOwner, amount, List.of());
  }

  public Transfer withReference(String reference) {
    List<String> all = new ArrayList<>(references);
    all.add(reference);
    return new Transfer(recipientOwner, amount, all);
  }
}
