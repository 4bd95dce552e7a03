package io.rigshare.marketplace.jobs;

import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs matching passes when woken (a job was queued, a node came online or freed capacity: {@code queued} on
 * LISTEN/NOTIFY, from any instance) and at least every poll interval as a safety net, and sweeps leases and
 * deadlines each poll. One thread per instance; the passes of all instances are serialized in the database.
 */
public class Dispatcher implements Managed, JobEvents.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final JobService jobs;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;
  private long lastSweepNanos;

  public Dispatcher(JobService jobs) {
    this.jobs = jobs;
  }

  @Override
  public void onQueued() {
    wake.release();
  }

  /** Wakes the dispatcher of this instance (for callers on this instance that need no notification). */
  public void wake() {
    wake.release();
  }

  @Override
  public void start() {
    int extended = jobs.startupGrace();
    if (extended > 0) {
      LOG.info("{} running job attempts get one lease period for their nodes to reconnect", extended);
    }
    running = true;
    thread = new Thread(this::loop, "job-dispatcher");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread.join(5000);
    }
  }

  private void loop() {
    long pollMs = jobs.config().getPollInterval().toMillis();
    int batch = jobs.config().getMatchBatch();
    while (running) {
      try {
        wake.tryAcquire(pollMs, TimeUnit.MILLISECONDS);
        wake.drainPermits();
        int claimed;
        do {
          claimed = jobs.matchOnce();
        } while (running && claimed >= batch);
        long now = System.nanoTime();
        if (now - lastSweepNanos >= TimeUnit.MILLISECONDS.toNanos(pollMs)) {
          lastSweepNanos = now;
          jobs.sweep();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("matching pass failed; retrying", e);
          try {
            Thread.sleep(Math.min(pollMs, 1000));
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }
  }
}
