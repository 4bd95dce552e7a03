package io.rigshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops the API process (SIGTERM, as an operator's restart does) and starts it again from a shell command. */
final class ApiProcess {
  private ApiProcess() {}

  /** Sends SIGTERM and waits up to {@code seconds} for the exit; SIGKILL after that. Returns the ms it took. */
  static long stop(long pid, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return 0;
    }
    ProcessHandle p = handle.get();
    p.destroy();
    try {
      p.onExit().get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.println("API pid " + pid + " did not stop in " + seconds + " s; sending SIGKILL");
      p.destroyForcibly();
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException ignored) {
        // Reported by the caller's timeline.
      }
    } catch (ExecutionException e) {
      // Exited.
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /**
   * Runs {@code command} with bash (output appended to {@code log}) and returns the pid of the Java process it
   * became (write {@code exec java ...} so that is the shell itself) or started.
   */
  static long start(String command, Path log) throws IOException, InterruptedException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    Files.writeString(log, "\n==== restart: " + command + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    Process p = new ProcessBuilder("bash", "-c", command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    // bash replaces itself with java when the command ends in exec; otherwise look for a java descendant.
    for (int i = 0; i < 50; i++) {
      if (isJava(p.toHandle())) {
        return p.pid();
      }
      Optional<ProcessHandle> java = p.descendants().filter(ApiProcess::isJava).findFirst();
      if (java.isPresent()) {
        return java.get().pid();
      }
      if (!p.isAlive()) {
        throw new IOException("the API command exited with " + p.exitValue() + "; see " + log);
      }
      Thread.sleep(100);
    }
    return p.pid();
  }

  private static boolean isJava(ProcessHandle h) {
    return h.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false);
  }
}
