package io.rigshare.marketplace.core;

import io.rigshare.marketplace.db.ChallengeDao;
import io.rigshare.marketplace.db.OperatorDao;
import io.rigshare.marketplace.db.SessionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes challenges and sessions long past their expiry, raw telemetry past its retention, and API error records
 * after a week. Idempotent deletes, so every instance may run it. Used and
 * revoked node tokens stay: they are the audit trail of which token registered which node.
 */
public class Housekeeping implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
  private static final Duration KEEP_CHALLENGES = Duration.ofHours(1);
  private static final Duration KEEP_SESSIONS = Duration.ofDays(7);
  private static final Duration KEEP_ERRORS = Duration.ofDays(7);

  private final Jdbi jdbi;
  private final Clock clock;

  private final TelemetryService telemetry;

  public Housekeeping(Jdbi jdbi, Clock clock, TelemetryService telemetry) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.telemetry = telemetry;
  }

  @Override
  public void run() {
    try {
      Instant now = clock.instant();
      int challenges =
          jdbi.withExtension(ChallengeDao.class, dao -> dao.deleteExpiredBefore(now.minus(KEEP_CHALLENGES)));
      int sessions = jdbi.withExtension(SessionDao.class, dao -> dao.deleteExpiredBefore(now.minus(KEEP_SESSIONS)));
      int samples = telemetry.deleteExpired();
      int errors = jdbi.withExtension(OperatorDao.class, dao -> dao.deleteErrorsBefore(now.minus(KEEP_ERRORS)));
      if (challenges + sessions + samples + errors > 0) {
        LOG.info("housekeeping removed {} challenges, {} sessions, {} telemetry samples, {} API error records",
            challenges, sessions, samples, errors);
      }
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; log and try next time.
      LOG.warn("housekeeping failed; will retry", e);
    }
  }
}
