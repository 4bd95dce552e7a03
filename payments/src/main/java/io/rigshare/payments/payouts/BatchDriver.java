package io.rigshare.payments.payouts;

import io.rigshare.contracts.ContractsException;
import io.rigshare.contracts.PreparedTransaction;
import io.rigshare.contracts.SignatureStatus;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.TransactionOutcome;
import io.rigshare.contracts.Transfer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Takes every open batch as far as it can go in one run: sign, record, send, await, post. Each step is committed
 * before the next begins, and a resumed batch starts from what is recorded:
 *
 * <ul>
 *   <li>no attempt, or the latest attempt expired: sign a new attempt (token accounts first);
 *   <li>any recorded attempt confirmed or failed on chain (statuses with history): post that outcome;
 *   <li>otherwise resend the SAME recorded bytes and await them; only {@link TransactionOutcome.Expired} (blockhash
 *       past its last valid block height at finalized commitment and the signature unknown) allows a new attempt.
 * </ul>
 *
 * So at most one attempt of a batch can ever land, and it is posted once (the batch's status changes only from a
 * non-final one, in the same database transaction as the ledger transfers, whose ids derive from the item ids).
 */
final class BatchDriver {
  /** Batches signed and sent together: small enough to be sent well within a blockhash's lifetime. */
  private static final int WAVE = 128;
  /** Sign-send-expire rounds per wave and run; a batch still expiring is left for the next run. */
  private static final int ROUNDS = 3;

  private final Jdbi jdbi;
  private final Posting posting;
  private final SolanaClient solana;
  private final PayoutSettings settings;
  private final Clock clock;
  private final Checkpoints checkpoints;
  private final TokenAccounts tokenAccounts;

  BatchDriver(
      Jdbi jdbi, Posting posting, SolanaClient solana, PayoutSettings settings, Clock clock,
      Checkpoints checkpoints) {
    this.jdbi = jdbi;
    this.posting = posting;
    this.solana = solana;
    this.settings = settings;
    this.clock = clock;
    this.checkpoints = checkpoints;
    this.tokenAccounts =
        new TokenAccounts(solana, settings.memoPrefix() + ":token-accounts", settings.confirmTimeout());
  }

  /** A batch as recorded: its items in transaction order and its attempts, oldest first. */
  static final class Batch {
    final UUID id;
    final String memo;
    final List<PayoutDao.ItemRow> items;
    final List<PayoutDao.AttemptRow> attempts;

    Batch(UUID id, String memo, List<PayoutDao.ItemRow> items, List<PayoutDao.AttemptRow> attempts) {
      this.id = id;
      this.memo = memo;
      this.items = items;
      this.attempts = new ArrayList<>(attempts);
    }

    PayoutDao.AttemptRow latest() {
      return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    boolean needsSigning() {
      return latest() == null || "expired".equals(latest().status());
    }

    PreparedTransaction latestTransaction() {
      PayoutDao.AttemptRow a = latest();
      return new PreparedTransaction(a.signature(), a.transactionBase64(), a.blockhash(), a.lastValidBlockHeight());
    }

    long amount() {
      return items.stream().mapToLong(PayoutDao.ItemRow::amount).sum();
    }
  }

  /** Counters for {@link PayoutRun}. */
  static final class Tally {
    int confirmed;
    int itemsPaid;
    long amountPaid;
    int failed;
    int signed;
    int tokenAccountsCreated;
    Duration tokenAccountsTime = Duration.ZERO;
  }

  void driveOpenBatches(Tally tally) {
    List<Batch> open = postLanded(load(), tally);
    for (int from = 0; from < open.size(); from += WAVE) {
      driveWave(open.subList(from, Math.min(open.size(), from + WAVE)), tally);
    }
  }

  private List<Batch> load() {
    return jdbi.withHandle(
        h -> {
          PayoutDao dao = h.attach(PayoutDao.class);
          List<PayoutDao.BatchRow> rows = dao.openBatches();
          if (rows.isEmpty()) {
            return List.of();
          }
          Map<UUID, List<PayoutDao.AttemptRow>> attempts =
              dao.attempts(rows.stream().map(PayoutDao.BatchRow::id).toList()).stream()
                  .collect(Collectors.groupingBy(PayoutDao.AttemptRow::batchId));
          List<Batch> batches = new ArrayList<>();
          for (PayoutDao.BatchRow row : rows) {
            batches.add(
                new Batch(row.id(), row.memo(), dao.items(row.id()), attempts.getOrDefault(row.id(), List.of())));
          }
          return batches;
        });
  }

  /** Posts every batch one of whose recorded attempts the chain already decided; returns the others. */
  private List<Batch> postLanded(List<Batch> batches, Tally tally) {
    List<String> signatures = new ArrayList<>();
    batches.forEach(b -> b.attempts.forEach(a -> signatures.add(a.signature())));
    Map<String, SignatureStatus> statuses = signatures.isEmpty() ? Map.of() : solana.statuses(signatures);
    List<Batch> undecided = new ArrayList<>();
    for (Batch batch : batches) {
      TransactionOutcome landed = null;
      for (PayoutDao.AttemptRow attempt : batch.attempts) {
        SignatureStatus status = statuses.get(attempt.signature());
        if (status instanceof SignatureStatus.Confirmed c) {
          landed = new TransactionOutcome.Confirmed(attempt.signature(), c.slot());
        } else if (status instanceof SignatureStatus.Failed f && landed == null) {
          landed = new TransactionOutcome.Failed(attempt.signature(), f.slot(), f.error());
        }
      }
      if (landed == null) {
        undecided.add(batch);
      } else {
        posting.post(batch, landed, tally);
      }
    }
    return undecided;
  }

  private void driveWave(List<Batch> wave, Tally tally) {
    List<Batch> live = wave;
    for (int round = 0; round < ROUNDS && !live.isEmpty(); round++) {
      signAndRecord(live.stream().filter(Batch::needsSigning).toList(), tally);
      List<Batch> inFlight = live.stream().filter(b -> !b.needsSigning()).toList();
      send(inFlight.stream().filter(b -> "signed".equals(b.latest().status())).toList());
      List<TransactionOutcome> outcomes =
          Outcomes.awaitAll(
              solana, inFlight.stream().map(Batch::latestTransaction).toList(), settings.confirmTimeout());
      if (!outcomes.isEmpty()) {
        checkpoints.reached(Checkpoints.BEFORE_CONFIRMATION);
      }
      List<Batch> expired = new ArrayList<>();
      for (int i = 0; i < inFlight.size(); i++) {
        Batch batch = inFlight.get(i);
        TransactionOutcome outcome = outcomes.get(i);
        if (outcome instanceof TransactionOutcome.Expired) {
          markExpired(batch);
          expired.add(batch);
        } else if (outcome instanceof TransactionOutcome.TimedOut t) {
          noteError(batch.id, t.lastError());
        } else {
          posting.post(batch, outcome, tally);
        }
      }
      live = expired;
    }
  }

  private void signAndRecord(List<Batch> batches, Tally tally) {
    if (batches.isEmpty()) {
      return;
    }
    List<String> recipients = batches.stream().flatMap(b -> b.items.stream()).map(PayoutDao.ItemRow::wallet).toList();
    Instant started = clock.instant();
    TokenAccounts.Result accounts = tokenAccounts.ensure(recipients);
    tally.tokenAccountsTime = tally.tokenAccountsTime.plus(Duration.between(started, clock.instant()));
    tally.tokenAccountsCreated += accounts.missingBefore() - accounts.stillMissing().size();
    List<Batch> ready = new ArrayList<>();
    List<PayoutDao.AttemptRow> signed = new ArrayList<>();
    for (Batch batch : batches) {
      if (batch.items.stream().anyMatch(i -> accounts.stillMissing().contains(i.wallet()))) {
        noteError(batch.id, "a recipient's token account could not be created yet");
        continue;
      }
      List<Transfer> transfers = batch.items.stream().map(i -> Transfer.of(i.wallet(), i.amount())).toList();
      PreparedTransaction tx = solana.prepare(transfers, batch.memo);
      signed.add(
          new PayoutDao.AttemptRow(
              batch.id, batch.attempts.size() + 1, tx.signature(), tx.transactionBase64(), tx.blockhash(),
              tx.lastValidBlockHeight(), "signed"));
      ready.add(batch);
    }
    if (signed.isEmpty()) {
      return;
    }
    checkpoints.reached(Checkpoints.SIGNED);
    Instant now = now();
    jdbi.useTransaction(
        h -> {
          PayoutDao dao = h.attach(PayoutDao.class);
          dao.insertAttempts(signed, now);
          dao.setBatchStatus(ready.stream().map(b -> b.id).toList(), "signed", now);
        });
    for (int i = 0; i < ready.size(); i++) {
      ready.get(i).attempts.add(signed.get(i));
    }
    tally.signed += signed.size();
    checkpoints.reached(Checkpoints.RECORDED);
  }

  private void send(List<Batch> batches) {
    if (batches.isEmpty()) {
      return;
    }
    Map<Batch, String> errors = new HashMap<>();
    for (Batch batch : batches) {
      try {
        solana.send(batch.latestTransaction());
      } catch (ContractsException e) {
        // A refusal decides nothing (e.g. the blockhash is already gone): awaiting it tells.
        errors.put(batch, e.getMessage());
      }
    }
    Instant now = now();
    jdbi.useTransaction(
        h -> {
          PayoutDao dao = h.attach(PayoutDao.class);
          for (Batch batch : batches) {
            dao.markSent(batch.latest().signature(), errors.get(batch), now);
          }
          dao.setBatchStatus(batches.stream().map(b -> b.id).toList(), "sent", now);
        });
    for (Batch batch : batches) {
      batch.attempts.set(batch.attempts.size() - 1, withStatus(batch.latest(), "sent"));
    }
    checkpoints.reached(Checkpoints.SENT);
  }

  private void markExpired(Batch batch) {
    Instant now = now();
    jdbi.useHandle(h -> h.attach(PayoutDao.class).resolveAttempt(batch.latest().signature(), "expired", null, now));
    batch.attempts.set(batch.attempts.size() - 1, withStatus(batch.latest(), "expired"));
  }

  private void noteError(UUID batchId, String error) {
    if (error != null) {
      Instant now = now();
      jdbi.useHandle(h -> h.attach(PayoutDao.class).noteBatchError(batchId, error, now));
    }
  }

  private static PayoutDao.AttemptRow withStatus(PayoutDao.AttemptRow a, String status) {
    return new PayoutDao.AttemptRow(
        a.batchId(), a.attempt(), a.signature(), a.transactionBase64(), a.blockhash(), a.lastValidBlockHeight(),
        status);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
