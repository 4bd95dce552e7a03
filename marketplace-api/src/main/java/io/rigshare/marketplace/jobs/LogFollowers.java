package io.rigshare.marketplace.jobs;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Wakes the log streams of this instance when a job changes (new output or a new state, from any instance, via
 * {@code changed:<job>}), and caps how many streams one instance serves at once.
 */
public class LogFollowers implements JobEvents.Listener {
  private final Map<UUID, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
  private final Semaphore slots;

  public LogFollowers(int maxFollowers) {
    this.slots = new Semaphore(maxFollowers);
  }

  public boolean tryEnter() {
    return slots.tryAcquire();
  }

  public void leave() {
    slots.release();
  }

  /** A future completed at the job's next change; register it before reading, so no change is missed. */
  public CompletableFuture<Void> nextChange(UUID jobId) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiting.computeIfAbsent(jobId, k -> ConcurrentHashMap.newKeySet()).add(future);
    future.whenComplete((v, e) -> waiting.computeIfPresent(jobId, (k, set) -> {
      set.remove(future);
      return set.isEmpty() ? null : set;
    }));
    return future;
  }

  @Override
  public void onChanged(UUID jobId) {
    Set<CompletableFuture<Void>> futures = waiting.get(jobId);
    if (futures != null) {
      futures.forEach(f -> f.complete(null));
    }
  }
}
