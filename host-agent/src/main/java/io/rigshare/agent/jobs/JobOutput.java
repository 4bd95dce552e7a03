package io.rigshare.agent.jobs;

import io.rigshare.protocol.wire.Message;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt's output: stdout and stderr each read on its own thread, hashed, cut into {@code log} chunks and
 * handed to a sender thread through a bounded queue.
 *
 * <p>Order: each read is handled whole under one lock, which updates the SHA-256, takes the next {@code seq} and
 * queues the chunk. So the hash covers the bytes in exactly the order the chunks are numbered, which is the order the
 * agent read them; between the two streams that order is as close to the job's own as two pipes allow.
 *
 * <p>Back-pressure: when {@link #QUEUE_CHUNKS} chunks wait unsent, the reader blocks inside the lock, the other
 * reader waits for the lock, and the job's writes block once the pipe buffers fill. Nothing is dropped silently: a
 * chunk the connection could not take is counted and logged. Output past the forwarding cap is still read, counted
 * and hashed, just not queued.
 */
final class JobOutput {
  static final int CHUNK_BYTES = 8192;
  static final int QUEUE_CHUNKS = 256;
  private static final Logger LOG = LoggerFactory.getLogger(JobOutput.class);
  private static final Object END = new Object();
  private static final Duration SENDER_DRAIN = Duration.ofSeconds(60);

  /** Sends a chunk; blocks until the connection took it, and says whether it did. */
  @FunctionalInterface
  interface Forwarder {
    boolean forward(Message.Log chunk);
  }

  /**
   * @param bytes all output bytes read
   * @param sha256 lower-case hex SHA-256 of them
   * @param truncated whether some were not forwarded (over the cap)
   * @param unsent chunks queued that the connection did not take
   * @param complete false when a pipe was still open at the end (a process escaped the job) and reading stopped
   */
  record Result(long bytes, String sha256, boolean truncated, long unsent, boolean complete) {}

  private final String jobId;
  private final int attempt;
  private final long forwardCap;
  private final Forwarder forwarder;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
  private final CountDownLatch readersDone = new CountDownLatch(2);
  private final CountDownLatch senderDone = new CountDownLatch(1);
  private final AtomicLong unsent = new AtomicLong();
  private final Object lock = new Object();
  // Guarded by lock.
  private final MessageDigest sha256;
  private long bytes;
  private long forwarded;
  private boolean truncated;
  private long seq;
  private boolean closed;

  JobOutput(String jobId, int attempt, long forwardCap, Forwarder forwarder) {
    this.jobId = jobId;
    this.attempt = attempt;
    this.forwardCap = forwardCap;
    this.forwarder = forwarder;
    this.sha256 = newSha256();
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  void start(InputStream stdout, InputStream stderr, Executor threads) {
    threads.execute(this::send);
    threads.execute(() -> read("stdout", stdout));
    threads.execute(() -> read("stderr", stderr));
  }

  private void read(String stream, InputStream in) {
    Utf8Chunks text = new Utf8Chunks();
    byte[] buffer = new byte[CHUNK_BYTES];
    try (in) {
      int n;
      // Room is left for carried bytes, so that a chunk never holds more than CHUNK_BYTES.
      while ((n = in.read(buffer, 0, CHUNK_BYTES - text.carried())) != -1) {
        if (!accept(stream, text, buffer, n)) {
          return;
        }
      }
      finish(stream, text);
    } catch (IOException e) {
      LOG.debug("{} of job {} attempt {} closed: {}", stream, jobId, attempt, e.toString());
      finishQuietly(stream, text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      readersDone.countDown();
    }
  }

  private boolean accept(String stream, Utf8Chunks text, byte[] buffer, int n) throws InterruptedException {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      sha256.update(buffer, 0, n);
      bytes += n;
      int forwardable = (int) Math.max(0, Math.min(n, forwardCap - forwarded));
      if (forwardable < n) {
        truncated = true;
      }
      if (forwardable > 0) {
        forwarded += forwardable;
        queue(stream, text.decode(buffer, 0, forwardable));
      }
      return true;
    }
  }

  /** The last, partial chunk of a stream: never lost. */
  private void finish(String stream, Utf8Chunks text) throws InterruptedException {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (truncated) {
        text.discard(); // a character the cap cut in two: not worth a U+FFFD
      } else {
        queue(stream, text.finish());
      }
    }
  }

  private void finishQuietly(String stream, Utf8Chunks text) {
    try {
      finish(stream, text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void queue(String stream, String data) throws InterruptedException {
    if (!data.isEmpty()) {
      queue.put(new Message.Log(jobId, attempt, seq++, stream, data));
    }
  }

  private void send() {
    try {
      for (Object next = queue.take(); next != END; next = queue.take()) {
        try {
          if (!forwarder.forward((Message.Log) next)) {
            unsent.incrementAndGet();
          }
        } catch (RuntimeException e) {
          unsent.incrementAndGet();
          LOG.warn("Could not forward output of job {} attempt {}", jobId, attempt, e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      senderDone.countDown();
    }
  }

  /**
   * Waits (at most {@code bound}) for both pipes to reach their end, then for the queued chunks to go, and returns
   * the totals. Call once, after the job's main process ended and its leftovers were killed.
   */
  Result awaitEnd(Duration bound) throws InterruptedException {
    boolean complete = readersDone.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    long total;
    String hash;
    boolean cut;
    synchronized (lock) {
      closed = true; // a reader still blocked in read() drops whatever it gets later
      total = bytes;
      hash = HexFormat.of().formatHex(sha256.digest());
      cut = truncated;
    }
    queue.put(END);
    if (!senderDone.await(SENDER_DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn("Output of job {} attempt {} was still being sent after {} s", jobId, attempt,
          SENDER_DRAIN.toSeconds());
    }
    return new Result(total, hash, cut, unsent.get(), complete);
  }
}
