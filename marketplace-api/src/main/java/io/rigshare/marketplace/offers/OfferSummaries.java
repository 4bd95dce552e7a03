package io.rigshare.marketplace.offers;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-model summary of the listed nodes, computed off the request path: {@link #current()} serves the last
 * computed summary and never queries the database once one exists; {@link #refresh()}, which the application calls
 * on a timer (every 5 s, one thread per instance), replaces it. The summary is a full pass over the listed nodes
 * (about 115 ms at 100,000 nodes), so at most one computation runs at a time in an instance: the first requests
 * after start wait for the one computation they share, and no request ever computes it while a summary exists.
 */
public class OfferSummaries {
  private static final Logger LOG = LoggerFactory.getLogger(OfferSummaries.class);

  private final Jdbi jdbi;
  private final Clock clock;
  private final Object computing = new Object();
  private volatile OfferService.Summary latest;

  public OfferSummaries(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * The last computed summary (its {@code at} says when). Only while none has been computed yet does the caller
   * compute it, and concurrent callers then share that one computation.
   */
  public OfferService.Summary current() {
    OfferService.Summary summary = latest;
    if (summary != null) {
      return summary;
    }
    synchronized (computing) {
      return latest != null ? latest : compute();
    }
  }

  /**
   * Recomputes the summary if one has been asked for since start (an instance nobody asks spends nothing on it).
   * Never throws: a failure is logged and the previous summary stays served until the next refresh.
   */
  public void refresh() {
    if (latest == null) {
      return;
    }
    try {
      synchronized (computing) {
        compute();
      }
    } catch (RuntimeException e) {
      LOG.warn("offers summary refresh failed; serving the one of {}", latest.at(), e);
    }
  }

  private OfferService.Summary compute() {
    Instant now = clock.instant();
    List<OfferService.ModelSummary> models = jdbi.withHandle(handle -> handle.createQuery(
            """
            SELECT gpu_model, count(*) AS nodes, sum(gpu_count) AS gpus, min(price_per_gpu_hour) AS lo,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY price_per_gpu_hour) AS mid,
                   max(price_per_gpu_hour) AS hi, max(benchmark_score) AS best
            FROM nodes WHERE listed GROUP BY gpu_model ORDER BY count(*) DESC, gpu_model
            """)
        .map((rs, ctx) -> new OfferService.ModelSummary(rs.getString("gpu_model"), rs.getLong("nodes"),
            rs.getLong("gpus"), rs.getLong("lo"), rs.getLong("mid"), rs.getLong("hi"), rs.getLong("best")))
        .list());
    OfferService.Summary fresh = new OfferService.Summary(
        models, models.stream().mapToLong(OfferService.ModelSummary::nodes).sum(), now);
    latest = fresh;
    return fresh;
  }
}
