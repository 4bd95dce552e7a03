package io.rigshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rigshare.bench.OffersQueries.Spec;
import io.rigshare.protocol.wire.Wire;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffersLoadPartsTest {
  @Test
  void parsesTheDocumentedCommandLine() {
    OffersOptions o = OffersOptions.parse("--nodes", "100000", "--clients", "4", "--warmup", "30s", "--seconds",
        "60s", "--rate", "5", "--saturate-seconds", "15s", "--sql", "lateral", "--kinds", "price,score");
    assertThat(o.attach()).isFalse();
    assertThat(o.nodes).isEqualTo(100_000);
    assertThat(o.seconds).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.lateralSql).isTrue();
    assertThat(o.kinds).containsExactly("price", "score");
    assertThat(o.launchDataDir().toString()).startsWith("/tmp/rigshare-offers/data-");

    OffersOptions attached = OffersOptions.parse("--api", "http://localhost:18080", "--db-dir", "/tmp/x/pg");
    assertThat(attached.attach()).isTrue();
  }

  @Test
  void refusesWhatCannotWork() {
    assertThatThrownBy(() -> OffersOptions.parse("--api", "http://localhost:18080"))
        .hasMessageContaining("--db-dir or --db-url");
    assertThatThrownBy(() -> OffersOptions.parse("--db-dir", "/tmp/x")).hasMessageContaining("go with --api");
    assertThatThrownBy(() -> OffersOptions.parse("--kinds", "cheapest")).hasMessageContaining("unknown kind");
    assertThatThrownBy(() -> OffersOptions.parse("--sql", "fast")).hasMessageContaining("current or lateral");
    assertThatThrownBy(() -> OffersOptions.parse("--nodes")).hasMessageContaining("needs a value");
  }

  @Test
  void theSqlNumbersItsParametersAsTheDriverDoes() {
    Spec all = new Spec(false, "reliability", "50%_off", 24L, 1000L, 2_000_000L, 95, 3, 50, 0);
    String sql = OffersQueries.listSql(all, false);
    assertThat(sql).contains("lower(n.gpu_model) = ANY(CAST($1 AS text[]))", "vram_mib >= $2",
        "benchmark_score >= $3", "price_per_gpu_hour <= $4", "reliability >= $5",
        "DESC NULLS LAST, n.id LIMIT $6 OFFSET $7");
    assertThat(OffersQueries.parameters(all, List.of("a 50%_off", "b"), false)).extracting(p -> p[0] + " " + p[1])
        .containsExactly("varchar[] '{\"a 50%_off\",\"b\"}'", "int8 24576", "int8 1000", "int8 2000000",
            "int4 9500", "int4 51", "int4 150");
    // As the tree reads it, page 3 is the skip statement: the key and id of the 150th offer, from the index alone.
    assertThat(OffersQueries.listSql(all, true)).startsWith("SELECT n.reliability AS key, n.id FROM nodes n")
        .contains("CROSS JOIN LATERAL", "reliability >= $5", "DESC NULLS LAST, n.id LIMIT 1 OFFSET $6");
    assertThat(OffersQueries.parameters(all, List.of("b"), true)).extracting(p -> p[0] + " " + p[1])
        .endsWith("int4 9500", "int4 149");
    // The model lookup binds the whole pattern, lower-cased, with LIKE's wildcards escaped.
    assertThat(OffersQueries.modelsSql("50%_Off")).contains("LIKE '%50\\%\\_off%' ESCAPE");
    // Cursor pages: a row comparison for an ascending key, a smaller key for a descending one.
    assertThat(OffersQueries.listSql(Spec.after("price", 500, 50), true))
        .contains("AND (n.price_per_gpu_hour, n.id) > ($1, $2) ORDER BY n.price_per_gpu_hour ASC, n.id LIMIT $3");
    assertThat(OffersQueries.listSql(Spec.after("score", 500, 50), true))
        .contains("AND n.benchmark_score < $1 ORDER BY n.benchmark_score DESC, n.id LIMIT $2");
    Spec plain = Spec.list(null, 0, 50);
    assertThat(OffersQueries.listSql(plain, true)).contains("CROSS JOIN LATERAL", "ORDER BY n.price_per_unit ASC, n.id")
        .doesNotContain("WITH used");
    assertThat(plain.path()).isEqualTo("/api/offers?size=50");
    assertThat(all.path()).isEqualTo("/api/offers?sort=reliability&model=50%25_off&minVramGb=24&minScore=1000"
        + "&maxPricePerGpuHour=2000000&minReliability=95&page=3&size=50");
  }

  @Test
  void everyKindDrawsTheSameRequestsFromTheSameSeed() {
    for (OffersQueries.Kind k : OffersQueries.kinds()) {
      assertThat(k.draw().apply(new Random(42))).as(k.name()).isEqualTo(k.draw().apply(new Random(42)));
    }
  }

  @Test
  void answersAreCheckedAgainstTheRules() throws Exception {
    Spec byScore = new Spec(false, "score", "4090", null, null, null, 90, 0, 2, 0);
    JsonNode good = Wire.mapper().readTree(
        """
        {"sort": "score", "items": [
          {"id": "a", "gpuModel": "NVIDIA GeForce RTX 4090", "freeGpus": 1, "score": 4000, "reliability": 9900},
          {"id": "b", "gpuModel": "NVIDIA GeForce RTX 4090", "freeGpus": 2, "score": 3900, "reliability": 9000}]}
        """);
    assertThat(OffersChecks.problems(byScore, good)).isEmpty();
    JsonNode bad = Wire.mapper().readTree(
        """
        {"sort": "score", "items": [
          {"id": "a", "gpuModel": "NVIDIA L4", "freeGpus": 0, "score": 1000, "reliability": null},
          {"id": "b", "gpuModel": "NVIDIA GeForce RTX 4090", "freeGpus": 2, "score": 3900, "reliability": 9000}]}
        """);
    List<String> problems = OffersChecks.problems(byScore, bad);
    assertThat(problems).containsExactly("a: no free GPU", "a: model NVIDIA L4", "a: reliability below the filter",
        "b: out of score order");
  }
}
