package io.rigshare.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the API for a bench tool as its own process: the shaded jar with the bench configuration, an embedded
 * PostgreSQL in a fresh data dir, the local chain off and the settings given; stops it with SIGTERM (and the database
 * if it outlived the API), and removes the data dir unless asked to keep it.
 */
final class ApiLauncher implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  final URI api;
  final URI admin;
  final Path dataDir;
  final Path log;
  private final boolean keepData;
  private Process process;

  private ApiLauncher(URI api, URI admin, Path dataDir, Path log, boolean keepData) {
    this.api = api;
    this.admin = admin;
    this.dataDir = dataDir;
    this.log = log;
    this.keepData = keepData;
  }

  /**
   * Starts the API with {@code properties} (-D options of its configuration) and returns once
   * {@code GET /api/agent/config} answers; throws with the log's tail if not.
   */
  static ApiLauncher start(ApiOptions o, Path log, List<String> properties) throws IOException, InterruptedException {
    if (!Files.isRegularFile(o.apiJar)) {
      throw new IOException("no API jar at " + o.apiJar + "; build it with ./mvnw -q -o package -DskipTests "
          + "-pl marketplace-api (or pass --api-jar)");
    }
    if (!Files.isRegularFile(o.config)) {
      throw new IOException("no API configuration at " + o.config + " (run from the repository root or pass --config)");
    }
    int http = o.port;
    int admin = o.port + 1;
    int agents = o.port + 10;
    for (int port : new int[] {http, admin, agents}) {
      requireFree(port);
    }
    Path dataDir = o.launchDataDir();
    if (Files.isDirectory(dataDir)) {
      try (Stream<Path> entries = Files.list(dataDir)) {
        if (entries.findAny().isPresent()) {
          throw new IOException("--data-dir " + dataDir + " is not empty; the benchmark wants a fresh database");
        }
      }
    }
    Files.createDirectories(dataDir);
    Files.createDirectories(log.toAbsolutePath().getParent());

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String opt : o.apiJavaOpts.strip().split("\\s+")) {
      if (!opt.isEmpty()) {
        command.add(opt);
      }
    }
    command.add("-Ddw.chain.localnet=false");
    command.addAll(properties);
    command.addAll(List.of("-jar", o.apiJar.toString(), "server", o.config.toString()));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("RIGSHARE_DATA_DIR", dataDir.toString());
    env.put("RIGSHARE_PUBLIC_URL", "http://localhost:" + http);
    env.put("RIGSHARE_HTTP_PORT", Integer.toString(http));
    env.put("RIGSHARE_ADMIN_PORT", Integer.toString(admin));
    env.put("RIGSHARE_AGENT_PORT", Integer.toString(agents));
    env.put("RIGSHARE_LOCALNET", "false");
    env.remove("DATABASE_URL");
    ApiLauncher launcher = new ApiLauncher(URI.create("http://127.0.0.1:" + http),
        URI.create("http://127.0.0.1:" + admin), dataDir, log, o.keepData);
    System.err.printf("starting the API (log %s, data %s): %s%n", log, dataDir, String.join(" ", command));
    launcher.process = pb.start();
    try {
      launcher.awaitReady();
    } catch (IOException | InterruptedException | RuntimeException e) {
      launcher.close();
      throw e;
    }
    return launcher;
  }

  long pid() {
    return process.pid();
  }

  Path dbDir() {
    return dataDir.resolve("pg");
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long start = System.nanoTime();
    long deadline = start + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the API exited with code " + process.exitValue() + " while starting; the end of "
            + log + ":\n" + tail(log, 40));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(api.resolve("/api/agent/config"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          System.err.printf("API pid %d answers after %.1f s%n", process.pid(), (System.nanoTime() - start) / 1e9);
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IOException("the API did not answer within " + START_TIMEOUT.toSeconds() + " s; the end of " + log
        + ":\n" + tail(log, 40));
  }

  /** SIGTERM and wait (SIGKILL after 60 s); then stops an orphaned PostgreSQL and removes the data dir. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    try {
      long ms = ApiProcess.stop(process.pid(), 60);
      System.err.printf("API stopped in %.1f s%n", ms / 1000.0);
      stopOrphanedDatabase();
      if (!keepData) {
        deleteTree(dataDir);
      } else {
        System.err.println("data dir kept: " + dataDir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      System.err.println("could not remove " + dataDir + ": " + e.getMessage());
    } finally {
      process = null;
    }
  }

  private void stopOrphanedDatabase() throws InterruptedException {
    long pg = ProcStats.postmasterPid(dbDir());
    Optional<ProcessHandle> handle = pg > 0 ? ProcessHandle.of(pg) : Optional.empty();
    if (handle.isEmpty() || !handle.get().isAlive()
        || !handle.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
      return;
    }
    System.err.println("PostgreSQL (pid " + pg + ") outlived the API; fast shutdown");
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(pg)).inheritIO().start().waitFor();
      handle.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      handle.get().destroyForcibly();
    }
  }

  private static void requireFree(int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
    } catch (IOException e) {
      throw new IOException("port " + port + " is in use; pick other ports with --port (API P, admin P+1, "
          + "agents P+10)", e);
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
