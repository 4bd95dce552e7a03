package io.rigshare.agent.config;

import java.time.Instant;

/**
 * {@code status.json}: the running agent's last change of link state, for {@code status} to show.
 *
 * @param state the state entered
 * @param since when it was entered
 * @param detail a short human note (the server, the retry delay); may be null
 * @param lastError the most recent failure or refusal, kept across later states; may be null
 * @param lastErrorAt when {@code lastError} happened; may be null
 * @param nodeId the node id once known; may be null
 */
public record LinkStatus(
    LinkState state, Instant since, String detail, String lastError, Instant lastErrorAt, String nodeId) {}
