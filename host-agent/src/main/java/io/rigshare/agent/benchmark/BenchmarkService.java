package io.rigshare.agent.benchmark;

import io.rigshare.protocol.wire.ErrorCodes;
import io.rigshare.protocol.wire.Message;

/**
 * The link's view of benchmarking (docs/protocol.md section 10). It outlives connections: the link {@link #attach
 * attaches} a sink once authenticated and detaches it on close; frames (the {@code benchmark} report, answers to
 * {@code verify} and {@code verify-open}) go to whichever sink is attached, or nowhere. No method blocks: the work
 * runs on the service's own threads.
 */
public interface BenchmarkService extends AutoCloseable {

  /** Where the service's frames go; must not block. */
  @FunctionalInterface
  interface Sink {
    void send(Message frame);
  }

  /** A connection authenticated: sends the last report (if any) to it, and starts a run if one is due. */
  void attach(Sink sink);

  void detach(Sink sink);

  /** Called every heartbeat: starts a run if one is due (schedule, hardware change) and no job is running. */
  void tick();

  void verify(Message.Verify verify);

  void open(Message.VerifyOpen open);

  @Override
  void close();

  /** A service that never benchmarks and refuses challenges: for links that only register, and for tests. */
  static BenchmarkService none() {
    return new BenchmarkService() {
      private volatile Sink sink;

      @Override
      public void attach(Sink attached) {
        sink = attached;
      }

      @Override
      public void detach(Sink detached) {
        sink = null;
      }

      @Override
      public void tick() {}

      @Override
      public void verify(Message.Verify verify) {
        refuse(verify.id());
      }

      @Override
      public void open(Message.VerifyOpen open) {
        refuse(open.id());
      }

      private void refuse(String id) {
        Sink current = sink;
        if (current != null) {
          current.send(new Message.Error(ErrorCodes.VERIFY_FAILED, "this agent does not run benchmarks", id));
        }
      }

      @Override
      public void close() {}
    };
  }
}
