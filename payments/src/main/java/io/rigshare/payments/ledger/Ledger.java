package io.rigshare.payments.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Posts balanced, immutable transfers. Each call is one database transaction (for the {@link Handle} variant, part of
 * the caller's): either every entry and balance change is written, or nothing is. The transfer id is the idempotency key: posting the same id with the same kind and
 * entries again returns the stored transfer (the memo is not compared); with another kind or other entries it is a
 * {@link TransferConflictException}.
 *
 * <p>The {@link Jdbi} must have the SqlObject plugin installed.
 */
public final class Ledger {
  private static final Pattern KIND = Pattern.compile("[a-z][a-z_]{0,31}");
  static final String CORRECTION = "correction";

  private final Jdbi jdbi;
  private final Clock clock;

  public Ledger(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Posts a transfer, or returns the one already posted under this id with the same kind and entries. */
  public Transfer transfer(UUID id, String kind, String memo, List<Entry> entries) {
    return post(id, kind, memo, entries, null);
  }

  /**
   * Posts the exact reverse of an earlier transfer as a new transfer of kind {@code correction}. A transfer can be
   * corrected once; the correction may fail with {@link InsufficientFundsException} if the money has moved on.
   */
  public Transfer correct(UUID id, UUID original, String memo) {
    Transfer posted =
        find(original).orElseThrow(() -> new UnknownTransferException("no transfer " + original + " to correct"));
    List<Entry> reversed = new ArrayList<>();
    for (Entry e : posted.entries()) {
      reversed.add(new Entry(e.account(), -e.amount()));
    }
    return post(id, CORRECTION, memo, reversed, original);
  }

  public Optional<Transfer> find(UUID id) {
    return jdbi.withHandle(h -> load(h.attach(LedgerDao.class), id));
  }

  /** The account's balance; zero for an account no transfer has named yet. */
  public long balance(AccountRef account) {
    return jdbi.withHandle(
        h ->
            h.attach(LedgerDao.class)
                .account(account.kind().dbName(), account.owner())
                .map(LedgerDao.AccountRow::balance)
                .orElse(0L));
  }

  /**
   * Posts a transfer inside the caller's open transaction (for example marketplace-api's matching transaction, which
   * escrows as it assigns), with the same idempotency and checks as {@link #transfer(UUID, String, String, List)}.
   * Nothing is committed here. When it throws {@link InsufficientFundsException}, {@link
   * UnbalancedTransferException} or {@link TransferConflictException} from its own checks, it has written nothing
   * but possibly empty accounts, and the caller's transaction can go on; a refusal by the database itself (the
   * backstop) aborts the caller's transaction, which must then roll back.
   *
   * <p>All legs go through three set-based statements whatever their number (upsert the accounts, lock them in id
   * order, insert the entries), so a settlement with thousands of legs costs three round trips, not thousands. The
   * database then checks and applies the whole transfer once per statement (migration V7): it sums to zero, it has no
   * entries from another statement, and each account's balance moves by its leg.
   */
  public Transfer transfer(Handle handle, UUID id, String kind, String memo, List<Entry> entries) {
    Transfer t = prepare(id, kind, memo, entries, null);
    try {
      return write(handle, t);
    } catch (JdbiException e) {
      throw translate(id, e);
    }
  }

  /**
   * Locks the account's row until the caller's transaction ends (creating the account, empty, if no transfer has
   * named it yet) and returns its balance. A caller can then decide whether a transfer from it fits without risking
   * an {@link InsufficientFundsException}: no other transaction can move this balance before the caller commits.
   */
  public long balanceForUpdate(Handle handle, AccountRef account) {
    Objects.requireNonNull(account, "account");
    LedgerDao dao = handle.attach(LedgerDao.class);
    AccountKind k = account.kind();
    dao.insertAccount(k.dbName(), account.owner(), k.allowNegative(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    return dao.accountForUpdate(k.dbName(), account.owner()).balance();
  }

  private Transfer post(UUID id, String kind, String memo, List<Entry> entries, UUID correctionOf) {
    Transfer t = prepare(id, kind, memo, entries, correctionOf);
    try {
      return jdbi.inTransaction(h -> write(h, t));
    } catch (JdbiException e) {
      throw translate(id, e);
    }
  }

  private Transfer prepare(UUID id, String kind, String memo, List<Entry> entries, UUID correctionOf) {
    Objects.requireNonNull(id, "id");
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("transfer kind must match " + KIND + ": " + kind);
    }
    String text = memo == null ? "" : memo;
    List<Entry> legs = normalize(id, entries);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return new Transfer(id, kind, text, now, correctionOf, legs);
  }

  /**
   * Accounts first (created and locked in id order, the one order every transfer takes its locks in, so transfers
   * never deadlock), then the replay check (after the locks, so a concurrent post of the same id is seen), the
   * correction and funds checks, and only then any write of the transfer itself.
   */
  private static Transfer write(Handle h, Transfer t) {
    LedgerDao dao = h.attach(LedgerDao.class);
    int n = t.entries().size();
    String[] kinds = new String[n];
    String[] owners = new String[n];
    boolean[] allowNegative = new boolean[n];
    for (int i = 0; i < n; i++) {
      AccountRef account = t.entries().get(i).account();
      kinds[i] = account.kind().dbName();
      owners[i] = account.owner();
      allowNegative[i] = account.kind().allowNegative();
    }
    dao.insertAccounts(kinds, owners, allowNegative, t.createdAt());
    List<LedgerDao.AccountRow> locked = dao.lockAccounts(kinds, owners);
    if (dao.transfer(t.id()).isPresent()) {
      return replay(dao, t);
    }
    if (t.correctionOf() != null && dao.correctionOf(t.correctionOf()).isPresent()) {
      throw new TransferConflictException("transfer " + t.correctionOf() + " was already corrected; " + t.id() + " refused");
    }
    Map<AccountRef, Long> amounts = new HashMap<>(n * 2);
    t.entries().forEach(e -> amounts.put(e.account(), e.amount()));
    long[] ids = new long[n];
    long[] values = new long[n];
    int i = 0;
    for (LedgerDao.AccountRow a : locked) {
      long amount = amounts.get(a.ref());
      if (!AccountKind.fromDb(a.kind()).allowNegative() && a.balance() + amount < 0) {
        throw new InsufficientFundsException(
            "transfer " + t.id() + " needs " + -amount + " from " + a.ref() + ", which holds " + a.balance());
      }
      ids[i] = a.id();
      values[i++] = amount;
    }
    if (i != n) {
      throw new IllegalStateException("transfer " + t.id() + ": locked " + i + " accounts for " + n + " legs");
    }
    if (dao.insertTransfer(t.id(), t.kind(), t.memo(), t.createdAt(), t.correctionOf()) == 0) {
      return replay(dao, t);
    }
    dao.insertEntries(t.id(), ids, values);
    return t;
  }

  private static Transfer replay(LedgerDao dao, Transfer requested) {
    Transfer stored = load(dao, requested.id()).orElseThrow();
    if (!stored.kind().equals(requested.kind())
        || !Objects.equals(stored.correctionOf(), requested.correctionOf())
        || !stored.entries().equals(requested.entries())) {
      throw new TransferConflictException(
          "transfer " + requested.id() + " was already posted with different contents");
    }
    return stored;
  }

  private static Optional<Transfer> load(LedgerDao dao, UUID id) {
    return dao.transfer(id)
        .map(
            row -> {
              List<Entry> entries = new ArrayList<>();
              for (LedgerDao.EntryRow e : dao.entries(id)) {
                entries.add(e.entry());
              }
              entries.sort((a, b) -> a.account().compareTo(b.account()));
              return new Transfer(row.id(), row.kind(), row.memo(), row.createdAt(), row.correctionOf(), entries);
            });
  }

  /** Merges legs on the same account, drops zero legs, sorts by account, and refuses anything unbalanced. */
  static List<Entry> normalize(UUID id, List<Entry> entries) {
    Map<AccountRef, Long> merged = new TreeMap<>();
    long sum = 0;
    try {
      for (Entry e : entries) {
        merged.merge(e.account(), e.amount(), Math::addExact);
        sum = Math.addExact(sum, e.amount());
      }
    } catch (ArithmeticException overflow) {
      throw new UnbalancedTransferException("transfer " + id + " overflows a long", overflow);
    }
    if (sum != 0) {
      throw new UnbalancedTransferException("transfer " + id + " entries sum to " + sum + ", not zero");
    }
    List<Entry> legs = new ArrayList<>();
    merged.forEach(
        (account, amount) -> {
          if (amount != 0) {
            legs.add(new Entry(account, amount));
          }
        });
    if (legs.isEmpty()) {
      throw new UnbalancedTransferException("transfer " + id + " moves nothing");
    }
    return List.copyOf(legs);
  }

  /** Maps the database's own refusals (the backstop behind the checks above) onto the ledger's exceptions. */
  private static RuntimeException translate(UUID id, JdbiException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof LedgerException ledger) {
        return ledger;
      }
      if (c instanceof PSQLException p && p.getServerErrorMessage() != null) {
        ServerErrorMessage m = p.getServerErrorMessage();
        String constraint = String.valueOf(m.getConstraint());
        switch (constraint) {
          case "ledger_accounts_non_negative":
            return new InsufficientFundsException("transfer " + id + " would overdraw an account", e);
          case "ledger_transfer_balanced":
            return new UnbalancedTransferException("transfer " + id + " is unbalanced", e);
          case "ledger_transfers_correction_of_key":
            return new TransferConflictException("that transfer was already corrected; " + id + " refused", e);
          default:
            break;
        }
      }
      if (c instanceof SQLException s && "23503".equals(s.getSQLState())) {
        return new UnknownTransferException("transfer " + id + " refers to a missing transfer", e);
      }
    }
    return e;
  }
}
