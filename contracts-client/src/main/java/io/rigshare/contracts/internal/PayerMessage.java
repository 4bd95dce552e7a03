package io.rigshare.contracts.internal;

import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.Message;
import org.p2p.solanaj.core.PublicKey;

/**
 * A solanaj legacy {@link Message} with its fee payer set up front. solanaj only sets the payer inside
 * {@code Transaction.sign}, which also appends a signature on every call and signs with its own TweetNaCl port; we
 * want the message bytes alone, to measure them and to sign them once with our own key.
 */
final class PayerMessage extends Message {
  PayerMessage(PublicKey payer) {
    // Message reads nothing from the fee payer but its public key: a zero seed never signs anything.
    byte[] publicKeyOnly = new byte[64];
    System.arraycopy(payer.toByteArray(), 0, publicKeyOnly, 32, 32);
    setFeePayer(new Account(publicKeyOnly));
  }
}
