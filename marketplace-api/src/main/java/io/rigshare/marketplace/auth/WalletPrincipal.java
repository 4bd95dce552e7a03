package io.rigshare.marketplace.auth;

import java.security.Principal;

/** A signed-in wallet, and which session it signed in with (so sign-out ends just that one). */
public record WalletPrincipal(String address, byte[] sessionHash) implements Principal {
  @Override
  public String getName() {
    return address;
  }

  @Override
  public String toString() {
    return "WalletPrincipal[" + address + "]";
  }
}
