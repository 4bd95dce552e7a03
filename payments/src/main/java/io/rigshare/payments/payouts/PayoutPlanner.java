package io.rigshare.payments.payouts;

import io.rigshare.contracts.SolanaClient;
import io.rigshare.contracts.Transfer;
import io.rigshare.payments.ledger.Movements;
import io.rigshare.protocol.crypto.Base58;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Plans new batches in one database transaction: each host whose earnings reach the minimum gets an item for its
 * whole balance, moved to {@code payouts_in_flight}; pending withdrawals (already in flight) join them. Items are cut
 * into batches that each fit one transaction. Either all of it commits or none of it does.
 *
 * <p>A host earnings account whose owner is not a Solana address (32 bytes, base58) is left untouched.
 */
final class PayoutPlanner {
  private static final String SIZING_ID = new UUID(0, 0).toString();

  private final Jdbi jdbi;
  private final Movements movements;
  private final SolanaClient solana;
  private final PayoutSettings settings;
  private final Clock clock;

  PayoutPlanner(Jdbi jdbi, Movements movements, SolanaClient solana, PayoutSettings settings, Clock clock) {
    this.jdbi = jdbi;
    this.movements = movements;
    this.solana = solana;
    this.settings = settings;
    this.clock = clock;
  }

  private record Item(UUID id, String wallet, long amount, boolean earnings) {}

  /** @return the number of batches planned */
  int plan() {
    return jdbi.inTransaction(
        h -> {
          PayoutDao dao = h.attach(PayoutDao.class);
          List<Item> items = new ArrayList<>();
          for (PayoutDao.HostBalance host : dao.hostsToPay(settings.minimumPayout(), settings.maxHostsPerRun())) {
            if (isAddress(host.owner())) {
              items.add(new Item(UUID.randomUUID(), host.owner(), host.balance(), true));
            }
          }
          for (PayoutDao.ItemRow withdrawal : dao.lockPendingWithdrawals()) {
            items.add(new Item(withdrawal.id(), withdrawal.wallet(), withdrawal.amount(), false));
          }
          if (items.isEmpty()) {
            return 0;
          }
          List<Transfer> transfers = items.stream().map(i -> Transfer.of(i.wallet(), i.amount())).toList();
          Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
          int next = 0;
          int batches = 0;
          // planBatches keeps the order, so items are consumed in the same order as its batches.
          for (List<Transfer> fitting : solana.planBatches(transfers, memo(settings, SIZING_ID))) {
            for (int from = 0; from < fitting.size(); from += settings.maxTransfersPerTransaction()) {
              int size = Math.min(settings.maxTransfersPerTransaction(), fitting.size() - from);
              UUID batchId = UUID.randomUUID();
              dao.insertBatch(batchId, memo(settings, batchId.toString()), now);
              for (int position = 0; position < size; position++) {
                Item item = items.get(next++);
                if (item.earnings()) {
                  dao.insertItem(
                      item.id(), item.wallet(), item.amount(), "earnings", "batched", batchId, position, now);
                  movements.payoutPlanned(item.id(), item.wallet(), item.amount());
                } else {
                  dao.assignWithdrawal(item.id(), batchId, position);
                }
              }
              batches++;
            }
          }
          return batches;
        });
  }

  static String memo(PayoutSettings settings, String batchId) {
    return settings.memoPrefix() + ":" + batchId;
  }

  private static boolean isAddress(String owner) {
    try {
      Base58.decodeExact(owner, 32);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
