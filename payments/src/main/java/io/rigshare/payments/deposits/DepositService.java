package io.rigshare.payments.deposits;

import io.rigshare.contracts.DepositObservation;
import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.TokenAmount;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.ledger.Movements;
import io.rigshare.protocol.crypto.Base58;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Solana Pay deposits: issues transfer requests and credits each exactly once.
 *
 * <p>Crediting: a deposit is credited when a confirmed, succeeded transaction carrying its reference moved exactly
 * the requested amount of the configured mint into the treasury's token account. The status change ({@code WHERE
 * status = 'pending'}) and the ledger transfer (treasury to the buyer, id derived from the deposit id) commit in one
 * database transaction, so any number of watchers, threads or instances credit it once.
 *
 * <p>Rejection: when the only succeeded payments carrying the reference have another mint, recipient or amount, the
 * deposit becomes {@code rejected} with a reason the buyer sees, and nothing is credited: an operator refunds such a
 * payment by hand. Failed transactions are ignored (the buyer may pay again). A second payment carrying an already
 * credited reference is not credited again; it too is for an operator.
 *
 * <p>Payments are watched for {@link DepositSettings#watchFor()} after creation, which outlasts the QR code's
 * {@link DepositSettings#ttl()}: a late payment is still credited.
 *
 * <p>The {@link Jdbi} must have the SqlObject plugin installed. Thread-safe.
 */
public final class DepositService {
  private static final int WATCH_BATCH = 500;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  private final Movements movements;
  private final SolanaClient solana;
  private final DepositSettings settings;
  private final Clock clock;

  public DepositService(
      Jdbi jdbi, Ledger ledger, SolanaClient solana, DepositSettings settings, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.movements = new Movements(Objects.requireNonNull(ledger, "ledger"));
    this.solana = Objects.requireNonNull(solana, "solana");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Stores a new pending deposit with a fresh random reference and returns it with its transfer request URL.
   *
   * @param amount base units of the configured mint
   * @throws DepositException {@code amount_too_small}, {@code amount_too_large} or {@code invalid_wallet}
   */
  public Deposit create(String wallet, long amount) {
    requireWallet(wallet);
    if (amount < settings.minAmount()) {
      throw new DepositException(
          DepositException.AMOUNT_TOO_SMALL, "a deposit must be at least " + settings.minAmount() + " base units");
    }
    if (amount > settings.maxAmount()) {
      throw new DepositException(
          DepositException.AMOUNT_TOO_LARGE, "a deposit may be at most " + settings.maxAmount() + " base units");
    }
    UUID id = UUID.randomUUID();
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    String reference = Base58.encode(key);
    String mint = solana.config().mint();
    int decimals = solana.config().decimals();
    String url =
        SolanaPayUrl.transferRequest(
            solana.treasury(), TokenAmount.of(amount, decimals), mint, reference, settings.label(),
            settings.message(), memo(id));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Deposit deposit =
        new Deposit(
            id, wallet, amount, reference, solana.treasury(), mint, decimals, url, Deposit.Status.PENDING, null,
            null, now, now.plus(settings.ttl()), null);
    jdbi.useHandle(h -> h.attach(DepositDao.class).insert(deposit));
    return deposit;
  }

  /** The deposit if it exists and belongs to {@code wallet}. */
  public Optional<Deposit> find(String wallet, UUID id) {
    return jdbi.withHandle(h -> h.attach(DepositDao.class).find(wallet, id));
  }

  /** The wallet's deposits, newest first. */
  public List<Deposit> list(String wallet, int limit, int offset) {
    return jdbi.withHandle(h -> h.attach(DepositDao.class).list(wallet, limit, offset));
  }

  /**
   * One pass over the pending deposits created within {@link DepositSettings#watchFor()}: credits or rejects each
   * whose payment has confirmed. Safe to run concurrently with itself anywhere.
   *
   * @return how many deposits this pass credited
   */
  public int watch() {
    int credited = 0;
    Deposit last = null;
    List<Deposit> page;
    do {
      Instant after = last == null ? clock.instant().minus(settings.watchFor()) : last.createdAt();
      UUID afterId = last == null ? new UUID(0, 0) : last.id();
      page = jdbi.withHandle(h -> h.attach(DepositDao.class).pendingAfter(after, afterId, WATCH_BATCH));
      for (Deposit deposit : page) {
        if (settle(deposit)) {
          credited++;
        }
        last = deposit;
      }
    } while (page.size() == WATCH_BATCH);
    return credited;
  }

  /**
   * Looks for this deposit's payment now (whatever its age), as {@link #watch()} does for all.
   *
   * @return true if this call credited it
   */
  public boolean check(String wallet, UUID id) {
    return find(wallet, id).filter(d -> d.status() == Deposit.Status.PENDING).map(this::settle).orElse(false);
  }

  /** The ledger transfer id a deposit is credited under. */
  public static UUID ledgerTransferId(UUID depositId) {
    return UUID.nameUUIDFromBytes(("rigshare-deposit:" + depositId).getBytes(StandardCharsets.UTF_8));
  }

  private boolean settle(Deposit deposit) {
    List<DepositObservation> observations =
        solana.findDeposits(deposit.reference()).stream().filter(DepositObservation::succeeded).toList();
    Optional<DepositObservation> match = observations.stream().filter(o -> matches(deposit, o)).findFirst();
    if (match.isPresent()) {
      return credit(deposit, match.get().signature());
    }
    if (!observations.isEmpty()) {
      DepositObservation wrong = observations.get(observations.size() - 1); // the first payment
      jdbi.useHandle(
          h -> h.attach(DepositDao.class).markRejected(deposit.id(), wrong.signature(), reason(deposit, wrong)));
    }
    return false;
  }

  private boolean credit(Deposit deposit, String signature) {
    UUID transferId = ledgerTransferId(deposit.id());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return jdbi.inTransaction(
        h -> {
          if (h.attach(DepositDao.class).markCredited(deposit.id(), signature, transferId, now) == 0) {
            return false; // another watcher got there first
          }
          // The ledger joins this handle's transaction (Jdbi reuses the thread's open handle).
          movements.deposit(transferId, deposit.wallet(), deposit.amount(), memo(deposit.id()) + " " + signature);
          return true;
        });
  }

  private boolean matches(Deposit deposit, DepositObservation o) {
    return deposit.mint().equals(o.mint())
        && deposit.recipient().equals(o.recipientOwner())
        && deposit.amount() == o.amount();
  }

  private static String reason(Deposit deposit, DepositObservation o) {
    if (!deposit.mint().equals(o.mint())) {
      return "the payment sent token " + o.mint() + ", not " + deposit.mint();
    }
    if (!deposit.recipient().equals(o.recipientOwner())) {
      return "the payment went to " + o.recipientOwner() + ", not the treasury " + deposit.recipient();
    }
    return "the payment sent " + TokenAmount.of(o.amount(), deposit.decimals()) + " instead of "
        + TokenAmount.of(deposit.amount(), deposit.decimals()) + "; contact support for a refund";
  }

  /** The memo a deposit's paying transaction carries (also in its Solana Pay URL). */
  public static String memo(UUID depositId) {
    return "rigshare-deposit:" + depositId;
  }

  private static void requireWallet(String wallet) {
    try {
      Base58.decodeExact(wallet, 32);
    } catch (RuntimeException e) {
      throw new DepositException(DepositException.INVALID_WALLET, "not a Solana wallet address: " + wallet);
    }
  }
}
