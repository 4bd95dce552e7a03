package io.rigshare.marketplace.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every case of the shared vectors (built by wallet-standard-util, signed by tweetnacl) through parser and verifier. */
class SiwsVectorsTest {

  @Test
  void everyVectorGivesItsExpectedOutcome() {
    int cases = 0;
    for (JsonNode c : Vectors.all().get("siws")) {
      String name = c.get("name").asText();
      String address = c.get("address").asText();
      String message = c.get("message").asText();
      for (String encoding : List.of("signatureBase58", "signatureBase64")) {
        String signature = c.get(encoding).asText();
        if (c.get("expect").asText().equals("valid")) {
          SiwsMessage parsed = SiwsVerifier.verify(address, message, signature);
          assertFields(name, parsed, c.get("fields"));
        } else {
          assertThatThrownBy(() -> SiwsVerifier.verify(address, message, signature))
              .as(name + " / " + encoding)
              .isInstanceOf(ApiException.class)
              .extracting(e -> ((ApiException) e).code().name())
              .isEqualTo(c.get("reason").asText());
        }
        cases++;
      }
    }
    assertThat(cases).isEqualTo(2 * Vectors.all().get("siws").size()).isGreaterThanOrEqualTo(16);
  }

  private static void assertFields(String name, SiwsMessage parsed, JsonNode fields) {
    assertThat(parsed.domain()).as(name).isEqualTo(fields.get("domain").asText());
    assertThat(parsed.address()).as(name).isEqualTo(fields.get("address").asText());
    assertThat(parsed.statement()).as(name).isEqualTo(text(fields, "statement"));
    assertThat(parsed.uri()).as(name).isEqualTo(text(fields, "uri"));
    assertThat(parsed.version()).as(name).isEqualTo(text(fields, "version"));
    assertThat(parsed.chainId()).as(name).isEqualTo(text(fields, "chainId"));
    assertThat(parsed.nonce()).as(name).isEqualTo(text(fields, "nonce"));
    assertThat(parsed.issuedAt()).as(name).isEqualTo(text(fields, "issuedAt"));
    assertThat(parsed.expirationTime()).as(name).isEqualTo(text(fields, "expirationTime"));
    assertThat(parsed.notBefore()).as(name).isEqualTo(text(fields, "notBefore"));
    assertThat(parsed.requestId()).as(name).isEqualTo(text(fields, "requestId"));
    List<String> resources = new ArrayList<>();
    fields.path("resources").forEach(r -> resources.add(r.asText()));
    assertThat(parsed.resources()).as(name).isEqualTo(resources);
  }

  private static String text(JsonNode fields, String name) {
    return fields.hasNonNull(name) ? fields.get(name).asText() : null;
  }
}
