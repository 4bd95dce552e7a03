package io.rigshare.agent.hardware;

import java.time.Duration;
import java.util.List;

/**
 * Runs an external tool and captures what it printed. Exists so that tests can stand in for
 * {@code nvidia-smi} and {@code rocm-smi}, whose failure modes no GPU-less machine can provoke.
 *
 * <p>Promise: never returns null and never throws; a tool that is missing, cannot start, or runs
 * past the timeout is reported as a {@link CommandResult}, and a timed-out process is killed.
 */
public interface CommandRunner {

  CommandResult run(List<String> command, Duration timeout);
}
