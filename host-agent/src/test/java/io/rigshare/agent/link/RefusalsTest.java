package io.rigshare.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.wire.ErrorCodes;
import org.junit.jupiter.api.Test;

class RefusalsTest {
  private static final Credentials AUTH = new Credentials.Auth();
  private static final Credentials REGISTER = new Credentials.Register("rsn_x", "rig");

  @Test
  void aRunningNodeStopsOnlyWhenRetryingCannotHelp() {
    assertThat(Refusals.isTerminal(ErrorCodes.NODE_DISABLED, AUTH)).isTrue();
    assertThat(Refusals.isTerminal(ErrorCodes.NODE_NOT_FOUND, AUTH)).isTrue();
    assertThat(Refusals.isTerminal(ErrorCodes.UNSUPPORTED_VERSION, AUTH)).isTrue();
    for (String retried : new String[] {ErrorCodes.RATE_LIMITED, ErrorCodes.INTERNAL_ERROR,
        ErrorCodes.INVALID_SIGNATURE, ErrorCodes.CHALLENGE_EXPIRED, ErrorCodes.MALFORMED_MESSAGE, "SOMETHING_NEW", null}) {
      assertThat(Refusals.isTerminal(retried, AUTH)).as(retried).isFalse();
    }
  }

  @Test
  void aRegistrationAlsoStopsOnItsTokenOrProof() {
    for (String code : new String[] {ErrorCodes.TOKEN_USED, ErrorCodes.TOKEN_EXPIRED, ErrorCodes.INVALID_TOKEN,
        ErrorCodes.NODE_EXISTS, ErrorCodes.INVALID_SIGNATURE, ErrorCodes.CHALLENGE_EXPIRED}) {
      assertThat(Refusals.isTerminal(code, REGISTER)).as(code).isTrue();
    }
    assertThat(Refusals.isTerminal(ErrorCodes.RATE_LIMITED, REGISTER)).isFalse();
    assertThat(Refusals.isTerminal(ErrorCodes.INTERNAL_ERROR, REGISTER)).isFalse();
  }

  @Test
  void theTokenNeverAppearsInLogs() {
    assertThat(REGISTER.toString()).doesNotContain("rsn_x");
  }
}
