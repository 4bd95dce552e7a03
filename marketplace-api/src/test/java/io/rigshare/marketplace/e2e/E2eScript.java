package io.rigshare.marketplace.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Runs a browser script of {@code frontend/e2e} with the system {@code node} and reads the JSON line it prints last. */
final class E2eScript {
  static final String SCRIPT = "frontend/e2e/signin.e2e.mjs";
  static final String FLOW_SCRIPT = "frontend/e2e/flow.e2e.mjs";
  private static final Duration SIGN_IN_TIMEOUT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private E2eScript() {}

  record Result(int exitCode, String output) {
    /** The last line that is a JSON object: the script's verdict. */
    JsonNode json() throws IOException {
      List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
      if (lines.isEmpty()) {
        throw new AssertionError("the browser run printed no JSON result; its output:\n" + output);
      }
      return JSON.readTree(lines.get(lines.size() - 1));
    }
  }

  /** {@code signin.e2e.mjs} in one mode, its screenshots in a cleared {@code screenshots}. */
  static Result run(String base, String seedHex, Path screenshots, String mode) throws InterruptedException {
    deleteRecursively(screenshots);
    return run(SCRIPT, List.of("--base", base, "--seed", seedHex, "--screenshots", screenshots.toString(), "--mode",
        mode), Map.of(), SIGN_IN_TIMEOUT);
  }

  /**
   * Runs {@code script} (relative to the checkout) with these arguments and extra environment, in {@code frontend};
   * past {@code timeout} it is killed with its children and the result's exit code is -1.
   */
  static Result run(String script, List<String> args, Map<String, String> env, Duration timeout)
      throws InterruptedException {
    Path root = repoRoot();
    Path frontend = root.resolve("frontend");
    if (!Files.isDirectory(frontend.resolve("node_modules/playwright-core"))) {
      throw new IllegalStateException(
          "frontend/node_modules/playwright-core is missing: run `npm ci` in " + frontend + " (the Maven frontend"
              + " module does this unless -Dfrontend.skipNpmCi=true)");
    }
    List<String> command = new ArrayList<>(List.of(node().toString(), root.resolve(script).toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(frontend.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start node", e);
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      // Chromium runs as node's children: end them too, or they outlive the test.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new Result(-1, "timed out after " + timeout.toSeconds() + " s\n" + collected(output));
    }
    return new Result(process.exitValue(), collected(output));
  }

  /** The checkout's root: the nearest directory above the working directory that holds the script. */
  static Path repoRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException(SCRIPT + " not found in " + start + " or above");
  }

  private static Path node() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "node");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("`node` (Node.js 20 or newer) is not on the PATH: " + path);
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output could not be read: " + e + ")";
    }
  }

  private static String collected(CompletableFuture<String> output) {
    try {
      return output.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "(output not available: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted while reading the output)";
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not clear " + dir, e);
    }
  }
}
