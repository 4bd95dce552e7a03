package io.rigshare.marketplace.gateway;

import io.rigshare.marketplace.jobs.JobService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output chunks from agents, written in batches (one statement per flush) instead of a transaction per chunk. The
 * queue is bounded: when the database falls behind, the socket thread that adds a chunk waits (up to a second), which
 * stops reading that agent's socket and so pushes back on it; a chunk that still finds no room is dropped and counted,
 * since logs are best effort (the receipt's hash covers the whole output).
 */
final class LogBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(LogBuffer.class);
  private static final int CAPACITY = 20_000;
  private static final int BATCH = 2_000;

  private final BlockingQueue<JobService.Chunk> pending = new ArrayBlockingQueue<>(CAPACITY);
  private final JobService jobs;
  private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

  LogBuffer(JobService jobs) {
    this.jobs = jobs;
  }

  void add(JobService.Chunk chunk) {
    try {
      if (!pending.offer(chunk, 1, TimeUnit.SECONDS)) {
        long total = dropped.incrementAndGet();
        if (total == 1 || total % 1000 == 0) {
          LOG.warn("log buffer full: {} chunks dropped so far", total);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes everything buffered; one flush at a time, so a caller returns only after earlier chunks are stored. */
  synchronized void flush() {
    while (!pending.isEmpty()) {
      List<JobService.Chunk> batch = new ArrayList<>(Math.min(BATCH, pending.size()));
      pending.drainTo(batch, BATCH);
      try {
        jobs.appendLogs(batch);
      } catch (RuntimeException e) {
        LOG.warn("could not store {} log chunks", batch.size(), e);
        return;
      }
    }
  }
}
