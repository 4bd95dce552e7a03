package io.rigshare.contracts;

import java.util.Locale;

/** How settled a transaction must be before we call it confirmed, weakest first. */
public enum Commitment {
  PROCESSED,
  CONFIRMED,
  FINALIZED;

  /** The name the JSON-RPC API uses: {@code processed}, {@code confirmed}, {@code finalized}. */
  public String rpcName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isAtLeast(Commitment other) {
    return compareTo(other) >= 0;
  }

  public static Commitment fromRpcName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
