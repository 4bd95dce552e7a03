package io.rigshare.agent.hardware;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for {@code nvidia-smi} and {@code rocm-smi}: a machine without a GPU cannot make the
 * real tools print rows, hang, or report a driver failure. Answers by exact command line; any
 * command it was not told about is "not installed", as on a machine without the tool.
 */
final class FakeCommandRunner implements CommandRunner {

  private final Map<List<String>, CommandResult> answers = new HashMap<>();
  private final Map<List<String>, AtomicInteger> calls = new ConcurrentHashMap<>();

  FakeCommandRunner answer(List<String> command, CommandResult result) {
    answers.put(command, result);
    return this;
  }

  FakeCommandRunner prints(List<String> command, String fixture) {
    return answer(command, new CommandResult.Completed(0, Fixtures.read(fixture), ""));
  }

  /** nvidia-smi with the given query fixture and table header fixture. */
  FakeCommandRunner nvidia(String queryFixture, String headerFixture) {
    return prints(NvidiaSmi.QUERY_COMMAND, queryFixture).prints(NvidiaSmi.HEADER_COMMAND, headerFixture);
  }

  int calls(List<String> command) {
    AtomicInteger count = calls.get(command);
    return count == null ? 0 : count.get();
  }

  @Override
  public synchronized CommandResult run(List<String> command, Duration timeout) {
    calls.computeIfAbsent(command, c -> new AtomicInteger()).incrementAndGet();
    CommandResult answer = answers.get(command);
    return answer != null
        ? answer
        : new CommandResult.Unavailable(
            command.get(0) + " could not be started: Cannot run program \"" + command.get(0)
                + "\": error=2, No such file or directory");
  }
}
