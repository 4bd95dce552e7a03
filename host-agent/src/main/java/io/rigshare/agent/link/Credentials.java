package io.rigshare.agent.link;

/** How the node proves itself on a connection: {@code register} with a token once, {@code auth} after that. */
public sealed interface Credentials {

  /** An already registered node. */
  record Auth() implements Credentials {}

  /** First run: redeem {@code token}, naming the node {@code name}. */
  record Register(String token, String name) implements Credentials {
    @Override
    public String toString() {
      return "Register[name=" + name + "]"; // never the token
    }
  }
}
