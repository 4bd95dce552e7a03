package io.rigshare.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatchLoadPartsTest {
  @TempDir Path dir;

  @Test
  void parsesTheDocumentedCommandLine() {
    DispatchOptions o = DispatchOptions.parse("--agents", "200", "--seconds", "60s", "--submitters", "16",
        "--warmup", "30s", "--idle-rate", "20", "--idle-seconds", "10s", "--port", "28080", "--cpu-jobs-per-node",
        "4", "--pgbench-variants", "plain");
    assertThat(o.attach()).isFalse();
    assertThat(o.agents).isEqualTo(200);
    assertThat(o.seconds).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.maxInFlight).as("default: every node slot").isEqualTo(800);
    assertThat(o.pgbenchVariants).containsExactly("plain");
    assertThat(o.jfr).isTrue();

    DispatchOptions attached = DispatchOptions.parse("--api", "http://localhost:18080", "--api-pid", "42",
        "--db-dir", "/tmp/x/pg", "--max-in-flight", "0", "--no-jfr");
    assertThat(attached.attach()).isTrue();
    assertThat(attached.maxInFlight).isZero();
    assertThat(attached.jfr).isFalse();
  }

  @Test
  void refusesWhatCannotWork() {
    assertThatThrownBy(() -> DispatchOptions.parse("--api-pid", "42")).hasMessageContaining("go with --api");
    assertThatThrownBy(() -> DispatchOptions.parse("--api", "http://localhost:1", "--keep-data"))
        .hasMessageContaining("--keep-data");
    assertThatThrownBy(() -> DispatchOptions.parse("--pgbench-variants", "fast")).hasMessageContaining("fast");
    assertThatThrownBy(() -> DispatchOptions.parse("--seconds", "0s")).hasMessageContaining("between 1s and 1h");
    assertThatThrownBy(() -> DispatchOptions.parse("--agents", "0")).hasMessageContaining("1..10000");
    assertThatThrownBy(() -> DispatchOptions.parse("--bogus", "1")).hasMessageContaining("unknown option");
    assertThatThrownBy(() -> DispatchOptions.parse("--api", "http://localhost:1", "--db-url", "mysql://x"))
        .hasMessageContaining("postgres://");
  }

  @Test
  void readsTheJobIdOutOfAReceiptRef() {
    assertThat(JobAgents.jobOf("fin:5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10:1"))
        .isEqualTo("5f0c2f7e-2b0e-4d8b-9a53-0e4f3b1f8f10");
  }

  @Test
  void jobBodyTagsItsPhaseAndFitsTheDefaultPrice() {
    String body = Submitters.body("run-idle");
    assertThat(body).contains("\"BENCH_PHASE\":\"run-idle\"").contains("\"command\":\"true\"")
        .contains("\"gpuCount\":0").contains("\"maxPricePerHour\":2000000");
  }

  @Test
  void readsPgbenchFigures() {
    String out = """
        transaction type: /tmp/pgbench-plain.sql
        number of clients: 8
        number of transactions actually processed: 150690
        number of failed transactions: 0 (0.000%)
        latency average = 0.796 ms
        initial connection time = 12.345 ms
        tps = 10046.001225 (without initial connection time)
        """;
    Map<String, Object> f = PgBench.figures(out);
    assertThat(f).containsEntry("tps", 10046.001225).containsEntry("latencyAverageMs", 0.796)
        .containsEntry("transactions", 150690.0).containsEntry("failedTransactions", 0.0);
  }

  @Test
  void foldsThreadNamesIntoGroups() {
    assertThat(ApiProfile.fold("dw-42 - POST /api/jobs")).isEqualTo("dw-N");
    assertThat(ApiProfile.fold("agent-gateway-db-3")).isEqualTo("agent-gateway-db-N");
    assertThat(ApiProfile.fold("GC Thread#1")).isEqualTo("GC Thread#N");
  }

  @Test
  void classifiesJstackThreads() {
    String dump = """
        "dw-17 - POST /api/jobs" #17 prio=5 os_prio=0 tid=0x1 nid=0x2 runnable
           java.lang.Thread.State: RUNNABLE
        \tat sun.nio.ch.Net.poll(java.base@17/Native Method)
        \tat org.postgresql.core.PGStream.receiveChar(PGStream.java:1)
        \tat io.rigshare.marketplace.jobs.JobService.lambda$submit$1(JobService.java:80)

        "agent-gateway-db-1" #30 prio=5 runnable
           java.lang.Thread.State: RUNNABLE
        \tat org.jdbi.v3.core.config.ConfigRegistry.<init>(ConfigRegistry.java:58)
        \tat io.rigshare.marketplace.jobs.JobService.finished(JobService.java:350)

        "selector" #5 runnable
           java.lang.Thread.State: RUNNABLE
        \tat sun.nio.ch.EPoll.wait(java.base@17/Native Method)

        "agent-gateway-db-2" #31 blocked
           java.lang.Thread.State: BLOCKED (on object monitor)
        \tat io.rigshare.marketplace.gateway.LogBuffer.flush(LogBuffer.java:45)
        """;
    Map<String, Object> s = ApiProfile.summarize(List.of(dump));
    assertThat(map(s.get("talkingToPostgres")))
        .containsEntry("io.rigshare.marketplace.jobs.JobService.lambda$submit$1", 1);
    assertThat(map(s.get("onCpu"))).containsOnlyKeys(
        "org.jdbi.v3.core.config.ConfigRegistry.<init> <- io.rigshare.marketplace.jobs.JobService.finished");
    assertThat(map(s.get("blocked"))).containsOnlyKeys(
        "io.rigshare.marketplace.gateway.LogBuffer.flush <- io.rigshare.marketplace.gateway.LogBuffer.flush");
  }

  @Test
  void readsJfrPrintOutput() throws Exception {
    String text = """
        jdk.ExecutionSample {
          startTime = 06:48:28.942
          sampledThread = "dw-22 - POST /api/jobs" (javaThreadId = 22)
          state = "STATE_RUNNABLE"
          stackTrace = [
            java.util.concurrent.ConcurrentHashMap.get(Object) line: 3383
            org.jdbi.v3.core.config.ConfigRegistry.<init>(ConfigRegistry) line: 58
            io.rigshare.marketplace.jobs.JobService.lambda$submit$1(Handle) line: 80
            ...
          ]
        }

        jdbi.statement {
          startTime = 06:46:59.410
          duration = 850 us
          type = "Query"
          sql = "/* JobDao.claimQueued */ SELECT id, buyer
        FROM jobs"
          parameters = "{}"
          rowsMapped = 1
          eventThread = "job-dispatcher" (javaThreadId = 37)
        }

        jdbi.statement {
          startTime = 06:46:59.411
          duration = 1.50 ms
          sql = "SELECT pg_notify(:channel, :payload)"
        }
        """;
    JfrProfile.Samples s = new JfrProfile.Samples();
    s.read(new BufferedReader(new StringReader(text)));
    Map<String, Object> summary = s.summary(2, dir.resolve("x.jfr"));
    assertThat(summary.get("cpuSamples")).isEqualTo(1);
    assertThat(map(summary.get("byThreadGroupPct"))).containsEntry("dw-N", 100.0);
    assertThat(map(summary.get("selfByLibraryPct"))).containsEntry("JDK under JDBI", 100.0);
    assertThat(map(summary.get("anywhereOnStackPct"))).containsEntry("JDBI", 100.0)
        .containsEntry("Rigshare code", 100.0);
    assertThat(map(summary.get("knownSuspectsPct"))).containsEntry("JDBI: ConfigRegistry copies", 100.0)
        .doesNotContainKey("Jackson");
    assertThat(summary.get("sqlStatements")).isEqualTo(2L);
    Map<String, Object> claim = map(map(summary.get("sqlByTotalTime")).get("JobDao.claimQueued"));
    assertThat(claim).containsEntry("count", 1L).containsEntry("meanMs", 0.85).containsEntry("perJob", 0.5);
    assertThat(map(summary.get("sqlByTotalTime"))).containsKey("SELECT pg_notify(:channel, :payload)");
  }

  @Test
  void writesJfrSettingsWithQuietJdbiEvents() throws Exception {
    Path jfc = JfrProfile.settings(dir.resolve("s.jfc"));
    String text = Files.readString(jfc);
    assertThat(text).contains("<event name=\"jdbi.statement\">").contains("jdk.ExecutionSample")
        .endsWith("</configuration>\n");
    assertThat(text.indexOf("jdbi.statement")).isLessThan(text.lastIndexOf("<control>"));
  }

  @Test
  void chargesCpuPerJob() {
    Map<String, Object> m = JobPhases.cpuPerJob(Map.of("apiPctOfOneCore", 100.0, "dbPctOfOneCore", 50.0,
        "loadgenPctOfOneCore", 50.0), 200);
    assertThat(m).containsEntry("api", 5.0).containsEntry("db", 2.5).containsEntry("loadgen", 2.5);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
