package io.rigshare.agent.jobs;

import io.rigshare.agent.hardware.CommandResult;
import io.rigshare.agent.hardware.CommandRunner;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers tool commands by exact command line; anything else "is not installed". Records every call. */
final class FakeCommands implements CommandRunner {
  private final Map<List<String>, CommandResult> answers = new HashMap<>();
  final List<List<String>> calls = new CopyOnWriteArrayList<>();

  FakeCommands answer(List<String> command, int exitCode, String stdout, String stderr) {
    answers.put(command, new CommandResult.Completed(exitCode, stdout, stderr));
    return this;
  }

  @Override
  public synchronized CommandResult run(List<String> command, Duration timeout) {
    calls.add(command);
    CommandResult answer = answers.get(command);
    return answer != null ? answer : new CommandResult.Unavailable(command.get(0) + " could not be started");
  }
}
