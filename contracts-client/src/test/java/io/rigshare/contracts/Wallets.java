package io.rigshare.contracts;

import io.rigshare.protocol.crypto.Keypair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Fresh wallet addresses for tests: each owns nothing until a test funds it. */
final class Wallets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Wallets() {}

  static String address() {
    return Keypair.generate(RANDOM).address();
  }

  static List<String> addresses(int count) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      addresses.add(address());
    }
    return addresses;
  }
}
