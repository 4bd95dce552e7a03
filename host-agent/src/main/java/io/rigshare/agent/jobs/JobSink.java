package io.rigshare.agent.jobs;

import io.rigshare.protocol.wire.Message;
import java.util.concurrent.CompletionStage;

/** Where job frames go: the connection that is up, as the link offers it to {@link JobSupervisor#attach}. */
@FunctionalInterface
public interface JobSink {
  /**
   * Queues {@code frame} for the connection without blocking. The stage completes with true once the frame was
   * handed to the socket, false when the connection went away first; it never completes exceptionally.
   */
  CompletionStage<Boolean> send(Message frame);
}
