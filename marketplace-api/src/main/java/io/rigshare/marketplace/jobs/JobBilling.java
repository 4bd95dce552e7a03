package io.rigshare.marketplace.jobs;

import io.rigshare.marketplace.db.JobDao;
import io.rigshare.marketplace.db.JobDao.Job;
import io.rigshare.payments.earnings.Billing;
import io.rigshare.payments.ledger.AccountKind;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * A job's money, inside the job's own transactions (the rule is {@link Billing}'s):
 *
 * <ul>
 *   <li>At its first assignment the job's maximum price x time limit moves from the buyer's balance into the
 *       buyer's escrow account. A job the balance cannot cover is not matched; it says why and waits.
 *   <li>When it ends, a {@code job_charges} row records what its verified receipt bills (per second, at the agreed
 *       price, with the platform fee) and what is refunded; settlement moves the money later, in bulk.
 * </ul>
 *
 * Retries keep the first escrow. A job that never ran, or whose attempts the host lost, is refunded in full.
 */
public final class JobBilling {
  /** The code a queued job shows while its buyer's balance is too low. */
  public static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";

  private final Ledger ledger;
  private final int feeBps;
  private final Duration fundingRetry;

  public JobBilling(Ledger ledger, int feeBps, Duration fundingRetry) {
    this.ledger = ledger;
    this.feeBps = feeBps;
    this.fundingRetry = fundingRetry;
  }

  /** What a matching pass may place: jobs already escrowed, and jobs whose escrow their buyer can pay now. */
  record Funding(List<Job> matchable, Map<UUID, Long> toEscrow) {}

  /**
   * Sorts the claimed jobs into those that may be matched and those that wait for funds (marked, and not claimed
   * again before the funding retry). Locks the buyers' balance rows, in wallet order, until the pass commits, so the
   * funds counted here are still there when {@link #escrow} posts them.
   */
  Funding fund(Handle handle, List<Job> claimed, Instant now) {
    Map<String, List<Job>> byBuyer = new TreeMap<>();
    List<Job> matchable = new ArrayList<>();
    for (Job job : claimed) {
      if (job.escrow() != null) {
        matchable.add(job);
      } else {
        byBuyer.computeIfAbsent(job.buyer(), b -> new ArrayList<>()).add(job);
      }
    }
    Map<UUID, Long> toEscrow = new HashMap<>();
    List<UUID> waiting = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (Map.Entry<String, List<Job>> e : byBuyer.entrySet()) {
      long available = ledger.balanceForUpdate(handle, AccountRef.buyer(e.getKey()));
      for (Job job : e.getValue()) {
        long need = escrowOf(job);
        if (need <= available) {
          available -= need;
          matchable.add(job);
          toEscrow.put(job.id(), need);
        } else {
          waiting.add(job.id());
          reasons.add("waiting for funds: this job escrows " + need + " base units (maximum price x time limit) "
              + "and the balance has " + available + " free");
        }
      }
    }
    if (!waiting.isEmpty()) {
      handle.attach(JobDao.class).awaitFunds(waiting.toArray(UUID[]::new), reasons.toArray(String[]::new),
          now.plus(fundingRetry));
    }
    return new Funding(matchable, toEscrow);
  }

  /** Posts a placed job's escrow (idempotent: the transfer id is derived from the job id) and returns its id. */
  UUID escrow(Handle handle, Job job, long amount) {
    UUID id = UUID.nameUUIDFromBytes(("rigshare:escrow:" + job.id()).getBytes(StandardCharsets.UTF_8));
    ledger.transfer(handle, id, "escrow", "job " + job.id(), List.of(
        Entry.debit(AccountRef.buyer(job.buyer()), amount),
        Entry.credit(new AccountRef(AccountKind.ESCROW, job.buyer()), amount)));
    return id;
  }

  /**
   * Records what the ended job costs. {@code ran} is the receipt's run time, or null when no receipt bills it (the
   * job never ran, or its host lost it); {@code billable} is false when the host, not the job, ended the run.
   */
  void charge(Handle handle, Job job, Duration ran, boolean billable, String outcome, Instant endedAt, Instant now) {
    if (job.escrow() == null) {
      return;
    }
    boolean bill = billable && ran != null && job.pricePerHour() != null;
    Billing.Charge c = Billing.charge(job.escrow(), bill ? job.pricePerHour() : 0, bill ? ran : Duration.ZERO,
        job.timeLimitSeconds(), bill, feeBps);
    handle.attach(JobDao.class).insertCharge(job.id(), c.charge(), c.fee(), c.billedSeconds(), outcome, endedAt, now);
  }

  static long escrowOf(Job job) {
    return Billing.escrowFor(job.maxPricePerHour(), job.timeLimitSeconds());
  }
}
