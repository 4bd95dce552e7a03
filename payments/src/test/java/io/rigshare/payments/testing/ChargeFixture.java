package io.rigshare.payments.testing;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * Minimal valid rows for billing tests: a node (with the registration token its row requires), a job, and the
 * {@code job_charges} row marketplace-api writes when a job ends. Amounts are taken as given: the database's checks
 * ({@code charge <= escrow}, {@code fee <= charge}, a host when something is charged) still apply.
 */
public final class ChargeFixture {
  private final Jdbi jdbi;

  public ChargeFixture(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A charge to insert; {@code host} and {@code nodeId} null for a job that billed nothing. */
  public record Charge(
      String buyer, String host, UUID nodeId, long escrow, long charge, long fee, int billedSeconds, Instant endedAt) {
    public static Charge refunded(String buyer, long escrow, Instant endedAt) {
      return new Charge(buyer, null, null, escrow, 0, 0, 0, endedAt);
    }
  }

  /** A node owned by {@code ownerWallet}. */
  public UUID node(String ownerWallet, String name) {
    UUID token = UUID.randomUUID();
    UUID node = UUID.randomUUID();
    byte[] hash = new byte[32];
    ThreadLocalRandom.current().nextBytes(hash);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    jdbi.useTransaction(
        h -> {
          h.execute("""
              INSERT INTO node_tokens (id, wallet, token_hash, created_at, expires_at)
              VALUES (?, ?, ?, ?, ?)""", token, ownerWallet, hash, now, now.plusSeconds(3_600));
          h.execute("""
              INSERT INTO nodes (id, wallet, node_key, token_id, name, status, created_at, updated_at)
              VALUES (?, ?, ?, ?, ?, 'online', ?, ?)""", node, ownerWallet, "key-" + node, token, name, now, now);
        });
    return node;
  }

  /** A job of {@code buyer} in state succeeded, with its escrow recorded. */
  public UUID job(String buyer, long escrow, Instant at) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(
        h ->
            h.execute("""
                INSERT INTO jobs (id, buyer, request_sha256, runtime, runtime_type, gpu_count, min_vram_mib, gpu_models,
                                  min_score, max_price_per_hour, time_limit_seconds, state, available_at, created_at,
                                  queued_at, updated_at, escrow)
                VALUES (?, ?, 'sha', '{}', 'process', 0, 0, '{}', 0, 3600, 3600, 'succeeded', ?, ?, ?, ?, ?)""",
                id, buyer, at, at, at, at, escrow));
    return id;
  }

  /** Inserts a job and its charge in one transaction, as marketplace-api does when the job ends; returns the seq. */
  public long charge(Charge c) {
    UUID job = job(c.buyer(), c.escrow(), c.endedAt());
    return jdbi.withHandle(
        h ->
            h.createQuery("""
                INSERT INTO job_charges (job_id, attempt, buyer, host, node_id, escrow, charge, fee, billed_seconds,
                                         price_per_hour, outcome, ended_at, created_at)
                VALUES (:job, 1, :buyer, :host, CAST(:node AS uuid), :escrow, :charge, :fee, :seconds, 3600,
                        CASE WHEN :charge > 0 THEN 'succeeded' ELSE 'expired' END, :endedAt, :endedAt)
                RETURNING seq""")
                .bind("job", job)
                .bind("buyer", c.buyer())
                .bind("host", c.host())
                .bind("node", c.nodeId())
                .bind("escrow", c.escrow())
                .bind("charge", c.charge())
                .bind("fee", c.fee())
                .bind("seconds", c.billedSeconds())
                .bind("endedAt", c.endedAt())
                .mapTo(Long.class)
                .one());
  }
}
