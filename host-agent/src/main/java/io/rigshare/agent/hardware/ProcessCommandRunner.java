package io.rigshare.agent.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs commands with {@link ProcessBuilder}, directly (no shell), and kills them on timeout. */
public final class ProcessCommandRunner implements CommandRunner {

  /** How long to wait for the output pipes to drain once the process has exited. */
  private static final long DRAIN_SECONDS = 2;

  // Output is read on its own threads: reading on the caller's thread would block past the
  // timeout when a hung tool keeps its pipe open. Daemon threads never hold the JVM open.
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "command-output-reader");
            thread.setDaemon(true);
            return thread;
          });

  @Override
  public CommandResult run(List<String> command, Duration timeout) {
    if (command == null || command.isEmpty() || timeout == null) {
      return new CommandResult.Unavailable("no command given");
    }
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      // The tools print numbers; a C locale keeps a '.' decimal point whatever the host's locale.
      builder.environment().put("LC_ALL", "C");
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      return new CommandResult.Unavailable(command.get(0) + " could not be started: " + e.getMessage());
    }
    closeQuietly(process);
    Future<String> stdout = READERS.submit(() -> readAll(process.getInputStream()));
    Future<String> stderr = READERS.submit(() -> readAll(process.getErrorStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        return new CommandResult.TimedOut(timeout);
      }
      return new CommandResult.Completed(process.exitValue(), drained(stdout), drained(stderr));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
      return new CommandResult.Unavailable(command.get(0) + " was interrupted");
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The output, or "" when a child still holds the pipe open or reading failed. */
  private static String drained(Future<String> output) throws InterruptedException {
    try {
      return output.get(DRAIN_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      output.cancel(true);
      return "";
    }
  }

  private static void kill(Process process) {
    // Children first: a wrapper script's child would otherwise keep running (and the pipe open).
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Closes the child's stdin so a tool that reads it sees end-of-input instead of waiting. */
  private static void closeQuietly(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // Nothing to do: the child simply keeps an open stdin.
    }
  }
}
