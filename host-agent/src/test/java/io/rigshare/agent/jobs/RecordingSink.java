package io.rigshare.agent.jobs;

import io.rigshare.protocol.wire.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A connection that takes every frame at once and lets the test wait (bounded) for the ones it expects. */
final class RecordingSink implements JobSink {
  private final List<Message> frames = new ArrayList<>();

  @Override
  public synchronized CompletionStage<Boolean> send(Message frame) {
    frames.add(frame);
    notifyAll();
    return CompletableFuture.completedFuture(true);
  }

  synchronized List<Message> frames() {
    return List.copyOf(frames);
  }

  synchronized <T extends Message> List<T> all(Class<T> type) {
    return frames.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The first frame of {@code type} matching {@code test}, waiting for it up to {@code timeout}. */
  synchronized <T extends Message> T await(Class<T> type, Predicate<T> test, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Message frame : frames) {
        if (type.isInstance(frame) && test.test(type.cast(frame))) {
          return type.cast(frame);
        }
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new AssertionError("no matching " + type.getSimpleName() + " within " + timeout + "; got " + frames);
      }
      wait(left);
    }
  }

  Message.Finished finished(String jobId, Duration timeout) throws InterruptedException {
    return await(Message.Finished.class, f -> f.jobId().equals(jobId), timeout);
  }

  Message.Started started(String jobId, Duration timeout) throws InterruptedException {
    return await(Message.Started.class, s -> s.jobId().equals(jobId), timeout);
  }

  /** The job's log chunks in seq order. */
  synchronized List<Message.Log> logs(String jobId) {
    return all(Message.Log.class).stream().filter(l -> l.jobId().equals(jobId))
        .sorted(Comparator.comparingLong(Message.Log::seq)).toList();
  }

  /** All the job's output as one string, in seq order. */
  String output(String jobId) {
    StringBuilder text = new StringBuilder();
    logs(jobId).forEach(chunk -> text.append(chunk.data()));
    return text.toString();
  }

  /** Waits until the job's output holds {@code text}; returns the output. */
  String awaitOutput(String jobId, String text, Duration timeout) throws InterruptedException {
    await(Message.Log.class, l -> output(jobId).contains(text), timeout);
    return output(jobId);
  }
}
