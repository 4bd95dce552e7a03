package io.rigshare.payments.earnings;

/** How an {@link EarningsReport} groups a host's charges: by UTC day of {@code ended_at}, or by node. */
public enum GroupBy {
  DAY,
  NODE
}
