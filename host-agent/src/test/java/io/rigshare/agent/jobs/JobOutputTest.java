package io.rigshare.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rigshare.protocol.wire.Message;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Chunking, numbering, hashing, the cap and back-pressure, on in-memory streams. */
class JobOutputTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<Message.Log> sent = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final Executor executor = task -> {
    Thread thread = new Thread(task, "test-output-" + threads.size());
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  };

  private static InputStream bytes(byte[] data) {
    return new ByteArrayInputStream(data);
  }

  private static InputStream empty() {
    return bytes(new byte[0]);
  }

  private static byte[] ascii(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    return data;
  }

  private static String sha256(byte[]... parts) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (byte[] part : parts) {
      digest.update(part);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private JobOutput output(long cap) {
    return new JobOutput("job", 1, cap, chunk -> sent.add(chunk));
  }

  private String forwarded() {
    StringBuilder text = new StringBuilder();
    sent.forEach(chunk -> text.append(chunk.data()));
    return text.toString();
  }

  @Test
  void chunksHoldAtMost8192BytesAndTheLastPartialOneIsKept() throws Exception {
    byte[] data = ascii(20_000);
    JobOutput output = output(1 << 20);
    output.start(bytes(data), empty(), executor);

    JobOutput.Result result = output.awaitEnd(WAIT);

    assertThat(sent).extracting(chunk -> chunk.data().length()).containsExactly(8192, 8192, 3616);
    assertThat(sent).extracting(Message.Log::seq).containsExactly(0L, 1L, 2L);
    assertThat(forwarded()).isEqualTo(new String(data, StandardCharsets.US_ASCII));
    assertThat(result).isEqualTo(new JobOutput.Result(20_000, sha256(data), false, 0, true));
  }

  @Test
  void theHashFollowsTheChunksAcrossBothStreams() throws Exception {
    JobOutput output = output(1 << 20);
    output.start(bytes(ascii(30_000)), bytes("error text\n".repeat(3000).getBytes(StandardCharsets.UTF_8)), executor);

    JobOutput.Result result = output.awaitEnd(WAIT);

    assertThat(sent).extracting(Message.Log::seq)
        .containsExactlyElementsOf(LongStream.range(0, sent.size()).boxed().toList());
    assertThat(sent).extracting(Message.Log::stream).contains("stdout", "stderr");
    assertThat(result.sha256()).isEqualTo(sha256(forwarded().getBytes(StandardCharsets.UTF_8)));
    assertThat(result.bytes()).isEqualTo(30_000 + 33_000);
  }

  @Test
  void outputPastTheCapIsHashedAndCountedButNotForwarded() throws Exception {
    byte[] data = ascii(20_000);
    JobOutput output = output(10_000);
    output.start(bytes(data), empty(), executor);

    JobOutput.Result result = output.awaitEnd(WAIT);

    assertThat(forwarded()).isEqualTo(new String(data, 0, 10_000, StandardCharsets.US_ASCII));
    assertThat(result).isEqualTo(new JobOutput.Result(20_000, sha256(data), true, 0, true));
  }

  @Test
  void aCapThatCutsACharacterForwardsNoHalfOfIt() throws Exception {
    byte[] data = "ab€€".getBytes(StandardCharsets.UTF_8); // 2 + 3 + 3 bytes
    JobOutput output = output(4); // "ab" and 2 bytes of the first €
    output.start(bytes(data), empty(), executor);

    JobOutput.Result result = output.awaitEnd(WAIT);

    assertThat(forwarded()).isEqualTo("ab");
    assertThat(result.truncated()).isTrue();
    assertThat(result.bytes()).isEqualTo(8);
  }

  @Test
  void aFullQueueBlocksTheReaderUntilChunksAreSent() throws Exception {
    int chunks = JobOutput.QUEUE_CHUNKS + 50;
    byte[] data = ascii(chunks * JobOutput.CHUNK_BYTES);
    AtomicLong consumed = new AtomicLong();
    InputStream counting = new FilterInputStream(bytes(data)) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        consumed.addAndGet(Math.max(n, 0));
        return n;
      }
    };
    CountDownLatch connectionUp = new CountDownLatch(1);
    CountDownLatch senderHoldsOne = new CountDownLatch(1);
    JobOutput output = new JobOutput("job", 1, Long.MAX_VALUE, chunk -> {
      senderHoldsOne.countDown();
      try {
        connectionUp.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return sent.add(chunk);
    });
    output.start(counting, empty(), executor);

    assertThat(senderHoldsOne.await(10, TimeUnit.SECONDS)).isTrue();
    Thread stdoutReader = threads.get(1);
    // One chunk with the blocked sender, a full queue, one read waiting for room: there the reader stops.
    long plateau = (JobOutput.QUEUE_CHUNKS + 2L) * JobOutput.CHUNK_BYTES;
    awaitBlocked(stdoutReader, () -> consumed.get() == plateau);
    assertThat(consumed.get()).isLessThan(data.length);
    assertThat(sent).isEmpty();

    connectionUp.countDown();
    JobOutput.Result result = output.awaitEnd(WAIT);
    assertThat(sent).hasSize(chunks);
    assertThat(forwarded()).isEqualTo(new String(data, StandardCharsets.US_ASCII));
    assertThat(result.complete()).isTrue();
  }

  @Test
  void chunksTheConnectionDidNotTakeAreCounted() throws Exception {
    JobOutput output = new JobOutput("job", 1, 1 << 20, chunk -> false);
    output.start(bytes(ascii(20_000)), empty(), executor);

    assertThat(output.awaitEnd(WAIT).unsent()).isEqualTo(3);
  }

  @Test
  void aPipeLeftOpenEndsTheWaitAfterTheBoundWithWhatWasRead() throws Exception {
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream neverClosed = new PipedInputStream(writer);
    writer.write("partial".getBytes(StandardCharsets.UTF_8));
    writer.flush();
    JobOutput output = output(1 << 20);
    output.start(neverClosed, empty(), executor);
    awaitForwarded("partial");

    JobOutput.Result result = output.awaitEnd(Duration.ofMillis(200));

    assertThat(result.complete()).isFalse();
    assertThat(result.bytes()).isEqualTo(7);
    assertThat(result.sha256()).isEqualTo(sha256("partial".getBytes(StandardCharsets.UTF_8)));
    writer.close();
  }

  private void awaitForwarded(String text) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!forwarded().equals(text)) {
      assertThat(System.nanoTime()).as("forwarded '%s' in time", text).isLessThan(deadline);
      Thread.sleep(5); // polls with a deadline
    }
  }

  /** Polls (bounded) until the thread is parked and {@code condition} holds. */
  private static void awaitBlocked(Thread thread, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING || !condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s blocked in time", thread.getName()).isLessThan(deadline);
      Thread.sleep(5); // polls with a deadline: a thread's state has no event to wait on
    }
  }
}
