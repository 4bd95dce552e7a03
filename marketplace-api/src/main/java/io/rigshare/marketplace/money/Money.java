package io.rigshare.marketplace.money;

import io.rigshare.marketplace.api.PaymentApi;
import io.rigshare.marketplace.core.Chain;
import io.rigshare.marketplace.db.JobDao;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.marketplace.jobs.JobEvents;
import io.rigshare.payments.deposits.Deposit;
import io.rigshare.payments.deposits.DepositException;
import io.rigshare.payments.deposits.DepositService;
import io.rigshare.payments.earnings.EarningsService;
import io.rigshare.payments.ledger.AccountKind;
import io.rigshare.payments.ledger.AccountRef;
import io.rigshare.payments.ledger.Ledger;
import io.rigshare.payments.payouts.Payout;
import io.rigshare.payments.payouts.PayoutException;
import io.rigshare.payments.payouts.PayoutService;
import io.rigshare.payments.payouts.Withdrawal;
import java.time.Clock;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * The service's money as the HTTP API shows it: balances from the ledger, deposits and payouts through the payments
 * services, amounts as digit strings, payments errors as API errors. Deposits, withdrawals and payouts need a chain;
 * without one they answer SERVICE_UNAVAILABLE, while balances and earnings still work.
 */
public final class Money {
  private final Jdbi jdbi;
  private final Ledger ledger;
  private final Chain.Info chain;
  private final DepositService deposits;
  private final PayoutService payouts;
  private final EarningsService earnings;
  private final JobEvents jobEvents;
  private final Runnable payoutNow;
  private final Clock clock;

  /**
   * @param chain null without a chain, and then so are {@code deposits} and {@code payouts}
   * @param payoutNow asks the payout job to run at once (a withdrawal was queued)
   */
  public Money(Jdbi jdbi, Ledger ledger, Chain.Info chain, DepositService deposits, PayoutService payouts,
      EarningsService earnings, JobEvents jobEvents, Runnable payoutNow, Clock clock) {
    this.jdbi = jdbi;
    this.ledger = ledger;
    this.chain = chain;
    this.deposits = deposits;
    this.payouts = payouts;
    this.earnings = earnings;
    this.jobEvents = jobEvents;
    this.payoutNow = payoutNow;
    this.clock = clock;
  }

  public Ledger ledger() {
    return ledger;
  }

  public EarningsService earnings() {
    return earnings;
  }

  /** The chain, or SERVICE_UNAVAILABLE. */
  public Chain.Info chain() {
    if (chain == null) {
      throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "this service runs without a Solana chain");
    }
    return chain;
  }

  public DepositService deposits() {
    chain();
    return deposits;
  }

  public PayoutService payouts() {
    chain();
    return payouts;
  }

  /** Paid earnings of the wallet, zero without a chain. */
  public long paidEarnings(String wallet) {
    return payouts == null ? 0 : payouts.paidEarnings(wallet);
  }

  public PaymentApi.Balance balance(String wallet) {
    long available = ledger.balance(AccountRef.buyer(wallet));
    long escrowed = ledger.balance(new AccountRef(AccountKind.ESCROW, wallet));
    long pending = ledger.balance(AccountRef.hostEarnings(wallet));
    long inFlight = ledger.balance(AccountRef.payoutsInFlight(wallet));
    return new PaymentApi.Balance(wallet, Long.toString(available), Long.toString(escrowed),
        new PaymentApi.Earnings(Long.toString(pending), Long.toString(inFlight), Long.toString(paidEarnings(wallet))),
        chain == null ? null : chain.mint(), chain == null ? null : chain.decimals());
  }

  public PaymentApi.Deposit view(Deposit d) {
    return new PaymentApi.Deposit(d.id(), Long.toString(d.amount()), d.status().name().toLowerCase(Locale.ROOT),
        d.expired(clock.instant()), d.reference(), d.recipient(), d.mint(), d.decimals(), d.url(),
        DepositService.memo(d.id()), d.signature(), d.reason(), d.createdAt(), d.expiresAt(), d.creditedAt());
  }

  /** Creates a deposit request, mapping refusals to VALIDATION_FAILED. */
  public Deposit createDeposit(String wallet, long amount) {
    try {
      return deposits().create(wallet, amount);
    } catch (DepositException e) {
      throw ApiException.validation("amount: " + e.getMessage());
    }
  }

  /** Queues a withdrawal and wakes the payout job; INSUFFICIENT_BALANCE when the balance is short. */
  public PaymentApi.Withdrawal withdraw(String wallet, long amount) {
    Withdrawal w;
    try {
      w = payouts().withdraw(wallet, amount);
    } catch (PayoutException e) {
      if (PayoutException.INSUFFICIENT_BALANCE.equals(e.code())) {
        throw new ApiException(ErrorCode.INSUFFICIENT_BALANCE, e.getMessage());
      }
      throw ApiException.validation("amount: " + e.getMessage());
    }
    payoutNow.run();
    return view(w);
  }

  public PaymentApi.Withdrawal view(Withdrawal w) {
    String status = switch (w.status()) {
      case PENDING -> "pending";
      case BATCHED -> "sending";
      case CONFIRMED -> "confirmed";
      case FAILED -> "failed";
    };
    return new PaymentApi.Withdrawal(w.id(), Long.toString(w.amount()), status, w.signature(),
        chain.transactionUrl(w.signature()), w.createdAt(), w.confirmedAt(), w.error());
  }

  public PaymentApi.Payout view(Payout p) {
    return new PaymentApi.Payout(p.id(), p.kind().name().toLowerCase(Locale.ROOT), Long.toString(p.amount()),
        payoutStatus(p), p.signature(), chain.transactionUrl(p.signature()), p.createdAt(), p.confirmedAt(),
        p.error());
  }

  private static String payoutStatus(Payout p) {
    return switch (p.status()) {
      case PENDING -> "planned";
      case BATCHED -> p.signature() == null ? "planned" : "sent";
      case CONFIRMED -> "confirmed";
      case FAILED -> "failed";
    };
  }

  /**
   * The wallet's funds grew (null: deposits were credited, wallets not known): its jobs waiting for funds are matched
   * at once instead of at their next funding retry.
   */
  public void fundsChanged(String wallet) {
    int woken = jdbi.withExtension(JobDao.class, jobs -> jobs.fundsChanged(wallet, clock.instant()));
    if (woken > 0) {
      jobEvents.queued();
    }
  }
}
