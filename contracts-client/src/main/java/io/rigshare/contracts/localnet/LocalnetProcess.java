package io.rigshare.contracts.localnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local Solana runtime as a child process: {@code node server.js --data-dir DIR --port P --exit-with-stdin
 * --quiet}. {@link #start} returns once the server printed its ready line; {@link #close} closes its stdin (it
 * flushes and exits) and waits, killing it only if it lingers. If this JVM dies, the closed pipe stops it too.
 */
public final class LocalnetProcess implements AutoCloseable {
  /** System property naming {@code server.js}; otherwise it is looked up from the working directory upwards. */
  public static final String SERVER_PROPERTY = "rigshare.localnet.server";
  /** System property naming the node executable; default {@code node}. */
  public static final String NODE_PROPERTY = "rigshare.node";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final Ready ready;
  private final StringBuffer stderr;

  /** The fields of the ready line. Paths are absolute. */
  public record Ready(
      String rpcUrl,
      String wsUrl,
      String mint,
      int decimals,
      String tokenProgram,
      String treasury,
      String treasuryTokenAccount,
      Path treasuryKeypairPath,
      String faucet,
      Path faucetKeypairPath,
      Path dataDir,
      String genesisHash,
      boolean firstRun) {}

  /**
   * How to start it.
   *
   * @param dataDir ledger directory, created if missing; its state survives restarts
   * @param port JSON-RPC port, 0 for a free one
   * @param wsPort WebSocket port, or null for the server's default (RPC port + 1)
   * @param slotMs slot clock in milliseconds; 0 moves slots only through the test methods
   * @param extraArgs further flags, e.g. {@code --mint-decimals 9}
   */
  public record Options(Path dataDir, int port, Integer wsPort, int slotMs, List<String> extraArgs) {
    public Options {
      extraArgs = List.copyOf(extraArgs);
    }

    public static Options of(Path dataDir) {
      return new Options(dataDir, 0, null, 400, List.of());
    }

    public Options withSlotMs(int slotMs) {
      return new Options(dataDir, port, wsPort, slotMs, extraArgs);
    }

    public Options withPorts(int port, Integer wsPort) {
      return new Options(dataDir, port, wsPort, slotMs, extraArgs);
    }
  }

  private LocalnetProcess(Process process, Ready ready, StringBuffer stderr) {
    this.process = process;
    this.ready = ready;
    this.stderr = stderr;
  }

  /** Starts the server found through {@link #locateServer()} with {@code node} (or {@value #NODE_PROPERTY}). */
  public static LocalnetProcess start(Options options, Duration readyTimeout) throws IOException {
    return start(locateServer(), System.getProperty(NODE_PROPERTY, "node"), options, readyTimeout);
  }

  public static LocalnetProcess start(Path serverJs, String node, Options options, Duration readyTimeout)
      throws IOException {
    Files.createDirectories(options.dataDir());
    List<String> command = new ArrayList<>(List.of(node, serverJs.toAbsolutePath().toString()));
    command.addAll(List.of("--data-dir", options.dataDir().toAbsolutePath().toString()));
    command.addAll(List.of("--port", Integer.toString(options.port())));
    if (options.wsPort() != null) {
      command.addAll(List.of("--ws-port", Integer.toString(options.wsPort())));
    }
    command.addAll(List.of("--slot-ms", Integer.toString(options.slotMs()), "--quiet", "--exit-with-stdin"));
    command.addAll(options.extraArgs());
    Process process =
        new ProcessBuilder(command).directory(serverJs.toAbsolutePath().getParent().toFile()).start();
    StringBuffer stderr = new StringBuffer();
    Thread stderrReader = drain(process.getErrorStream(), stderr);
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread reader = new Thread(() -> line.complete(firstLine(process.getInputStream())), "localnet-ready");
    reader.setDaemon(true);
    reader.start();
    try {
      String text = line.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        throw new IOException(
            "localnet exited before it was ready: " + waitForStderr(process, stderrReader, stderr));
      }
      Ready ready = parseReady(text);
      drain(process.getInputStream(), new StringBuffer());
      return new LocalnetProcess(process, ready, stderr);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("localnet not ready within " + readyTimeout + ": " + stderr, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting localnet", e);
    } catch (IOException | ExecutionException | RuntimeException e) {
      process.destroyForcibly();
      throw e instanceof IOException io ? io : new IOException("localnet did not start: " + stderr, e);
    }
  }

  /**
   * {@value #SERVER_PROPERTY} if set, else the first {@code contracts-client/localnet/server.js} (or
   * {@code localnet/server.js}) found from the working directory upwards.
   */
  public static Path locateServer() {
    String configured = System.getProperty(SERVER_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate :
          List.of(dir.resolve("contracts-client/localnet/server.js"), dir.resolve("localnet/server.js"))) {
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "cannot find contracts-client/localnet/server.js from " + Path.of("").toAbsolutePath()
            + "; set -D" + SERVER_PROPERTY);
  }

  public Ready ready() {
    return ready;
  }

  public String rpcUrl() {
    return ready.rpcUrl();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** What the server wrote to stderr so far (with --quiet: only failures). */
  public String stderr() {
    return stderr.toString();
  }

  /** Closes stdin so the server flushes its ledger and exits; kills it if it has not exited within 10 s. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // Already closed: the process is exiting or gone.
    }
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static Ready parseReady(String line) throws IOException {
    JsonNode json = MAPPER.readTree(line);
    if (!json.path("ready").asBoolean(false)) {
      throw new IOException("not a ready line: " + line);
    }
    return new Ready(
        text(json, "rpcUrl"),
        text(json, "wsUrl"),
        text(json, "mint"),
        json.path("decimals").asInt(),
        text(json, "tokenProgram"),
        text(json, "treasury"),
        text(json, "treasuryTokenAccount"),
        Path.of(text(json, "treasuryKeypairPath")),
        text(json, "faucet"),
        Path.of(text(json, "faucetKeypairPath")),
        Path.of(text(json, "dataDir")),
        text(json, "genesisHash"),
        json.path("firstRun").asBoolean());
  }

  private static String text(JsonNode json, String field) throws IOException {
    return Optional.ofNullable(json.get(field))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText)
        .orElseThrow(() -> new IOException("ready line lacks " + field));
  }

  private static String firstLine(InputStream stdout) {
    try {
      return new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static String waitForStderr(Process process, Thread reader, StringBuffer stderr)
      throws InterruptedException {
    process.waitFor(5, TimeUnit.SECONDS);
    reader.join(5_000); // the pipe closes when the process exits; the reader ends right after
    return stderr.toString().strip();
  }

  private static Thread drain(InputStream stream, StringBuffer sink) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[4096];
              try {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                  if (sink.length() < 65_536) {
                    sink.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                  }
                }
              } catch (IOException ignored) {
                // The process ended.
              }
            },
            "localnet-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
