package io.rigshare.agent.jobs;

import java.io.InputStream;

/** A started attempt: its output pipes, its end, and the ways to stop it. The stop methods may be called any time. */
public interface RunningJob {
  InputStream stdout();

  InputStream stderr();

  /** Waits for the attempt's main process and returns its exit status (128 + the signal when a signal ended it). */
  int waitFor() throws InterruptedException;

  /** Asks the whole attempt to stop (SIGTERM to its process group; a container gets SIGTERM). Never throws. */
  void terminate();

  /** Stops whatever is left of the attempt at once (SIGKILL to its process group; a container is killed). */
  void kill();

  /** After the end: kills leftovers and removes what the attempt left behind (working directory, container). */
  void close();
}
