package io.rigshare.payments.payouts;

import io.rigshare.contracts.SolanaClient;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Entry;
import io.rigshare.payments.ledger.InsufficientFundsException;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.Movements;
import io.rigshare.protocol.crypto.Base58;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Pays hosts their earnings and buyers their withdrawals in SPL tokens from the treasury, each exactly once even if
 * the process dies at any line.
 *
 * <p>How: {@link #run()} first resumes every batch left unfinished, then plans new ones. The money of every item is
 * in {@code payouts_in_flight} from planning on. A batch's transaction is signed and its bytes, signature and last
 * valid block height recorded before it is first sent; after a crash the same bytes are resent, and a replacement
 * is signed only once the recorded one can no longer land (see {@link BatchDriver}). Associated token accounts are
 * created idempotently in transactions of their own before transfers to them are signed. Every transaction carries
 * a memo {@code <memoPrefix>:<batch id>}.
 *
 * <p>The {@link Jdbi} must have the SqlObject plugin installed. Thread-safe; runs are serialized across threads and
 * instances by a PostgreSQL advisory lock.
 */
public final class PayoutService {
  /** The session advisory lock that serializes runs everywhere ("RIGPAYOU" in ASCII). */
  static final long RUN_LOCK = 0x524947504159_4f55L;

  private final Jdbi jdbi;
  private final Ledger ledger;
  private final SolanaClient solana;
  private final PayoutSettings settings;
  private final Clock clock;
  private final Checkpoints checkpoints;
  private final PayoutPlanner planner;
  private final BatchDriver driver;

  public PayoutService(
      Jdbi jdbi, Ledger ledger, SolanaClient solana, PayoutSettings settings, Clock clock,
      Checkpoints checkpoints) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.solana = Objects.requireNonNull(solana, "solana");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    this.planner = new PayoutPlanner(jdbi, new Movements(ledger), solana, settings, clock);
    this.driver = new BatchDriver(jdbi, new Posting(jdbi, ledger, clock), solana, settings, clock, checkpoints);
  }

  /**
   * Moves {@code amount} from the buyer's balance to {@code payouts_in_flight} and queues it for the next
   * {@link #run()}, in one database transaction.
   *
   * @throws PayoutException {@code invalid_wallet}, {@code invalid_amount} (not positive) or
   *     {@code insufficient_balance}
   */
  public Withdrawal withdraw(String wallet, long amount) {
    try {
      Base58.decodeExact(wallet, 32);
    } catch (RuntimeException e) {
      throw new PayoutException(PayoutException.INVALID_WALLET, "not a Solana wallet address: " + wallet, e);
    }
    if (amount <= 0) {
      throw new PayoutException(PayoutException.INVALID_AMOUNT, "a withdrawal must be positive", null);
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      jdbi.useTransaction(
          h -> {
            h.attach(PayoutDao.class).insertItem(id, wallet, amount, "withdrawal", "pending", null, null, now);
            ledger.transfer(
                id, "withdrawal", "withdrawal " + id,
                List.of(
                    Entry.debit(AccountRef.buyer(wallet), amount),
                    Entry.credit(AccountRef.payoutsInFlight(wallet), amount)));
          });
    } catch (InsufficientFundsException e) {
      throw new PayoutException(
          PayoutException.INSUFFICIENT_BALANCE, "the balance is less than " + amount + " base units", e);
    }
    return new Withdrawal(id, wallet, amount, Payout.Status.PENDING, null, now, null, null);
  }

  /**
   * One payout run: resumes every batch not final, then plans and pays hosts whose earnings reach
   * {@link PayoutSettings#minimumPayout()} (at most {@link PayoutSettings#maxHostsPerRun()}) and pending
   * withdrawals. Returns at once, with {@link PayoutRun#ran()} false, if another run holds the lock anywhere.
   * Batches still undecided when it returns (see {@link PayoutRun#batchesPending()}) are resumed by the next run.
   */
  public PayoutRun run() {
    try (Handle lock = jdbi.open()) {
      if (!lock.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", RUN_LOCK).mapTo(Boolean.class).one()) {
        return PayoutRun.SKIPPED;
      }
      try {
        return runLocked();
      } finally {
        lock.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", RUN_LOCK).mapTo(Boolean.class).one();
      }
    }
  }

  private PayoutRun runLocked() {
    BatchDriver.Tally tally = new BatchDriver.Tally();
    driver.driveOpenBatches(tally);
    int planned = planner.plan();
    if (planned > 0) {
      checkpoints.reached(Checkpoints.PLANNED);
      driver.driveOpenBatches(tally);
    }
    int pending = jdbi.withHandle(h -> h.attach(PayoutDao.class).openBatches().size());
    return new PayoutRun(
        true, planned, tally.confirmed, tally.itemsPaid, tally.amountPaid, tally.failed, pending, tally.signed,
        tally.tokenAccountsCreated, tally.tokenAccountsTime);
  }

  /** The wallet's payout items (earnings and withdrawals), newest first. */
  public List<Payout> payouts(String wallet, int limit, int offset) {
    return jdbi.withHandle(h -> h.attach(PayoutDao.class).payouts(wallet, limit, offset));
  }

  /** The sum of the wallet's confirmed earnings payouts, base units. */
  public long paidEarnings(String wallet) {
    return jdbi.withHandle(h -> h.attach(PayoutDao.class).paidEarnings(wallet));
  }

  /** The wallet's withdrawals, newest first. */
  public List<Withdrawal> withdrawals(String wallet, int limit, int offset) {
    return jdbi.withHandle(h -> h.attach(PayoutDao.class).withdrawals(wallet, limit, offset)).stream()
        .map(p -> new Withdrawal(
            p.id(), wallet, p.amount(), p.status(), p.signature(), p.createdAt(), p.confirmedAt(), p.error()))
        .toList();
  }

  /** Batches not yet final, oldest first, for the operator page. */
  public List<BatchView> inFlight() {
    return jdbi.withHandle(h -> h.attach(PayoutDao.class).inFlight());
  }

  /** Writes all the wallet's payouts as CSV, newest first, with a header line. */
  public void writeCsv(String wallet, Appendable out) throws IOException {
    out.append(PayoutCsv.HEADER);
    int page = 1_000;
    for (int offset = 0; ; offset += page) {
      List<Payout> rows = payouts(wallet, page, offset);
      for (Payout p : rows) {
        PayoutCsv.writeRow(p, solana.config().decimals(), out);
      }
      if (rows.size() < page) {
        return;
      }
    }
  }
}
