package io.github.agentledger.checkpoint;

import java.time.Instant;
import java.util.Objects;

/**
 * Line-level attribution of a commit between agent and human, stored as
 * {@code initial_attribution} (per session) or {@code combined_attribution} (per checkpoint).
 *
 * <p>Immutable and thread-safe.
 *
 * @param calculatedAt when it was computed
 * @param agentLines lines added by the agent that remain in the commit
 * @param agentRemoved lines removed by the agent that stay removed
 * @param humanAdded lines added by a human
 * @param humanModified lines modified by a human
 * @param humanRemoved lines removed by a human
 * @param totalCommitted net additions in the commit
 * @param totalLinesChanged all changed lines of the commit
 * @param agentPercentage the agent's share of the changed lines, in percent
 * @param metricVersion the metric version (2 = share of changed lines), 0 for legacy (not
 *     written)
 */
public record Attribution(
    Instant calculatedAt,
    long agentLines,
    long agentRemoved,
    long humanAdded,
    long humanModified,
    long humanRemoved,
    long totalCommitted,
    long totalLinesChanged,
    double agentPercentage,
    int metricVersion) {

  /**
   * Rejects a null time and non-finite percentages.
   *
   * @param calculatedAt when it was computed
   * @param agentLines lines added by the agent that remain in the commit
   * @param agentRemoved lines removed by the agent that stay removed
   * @param humanAdded lines added by a human
   * @param humanModified lines modified by a human
   * @param humanRemoved lines removed by a human
   * @param totalCommitted net additions in the commit
   * @param totalLinesChanged all changed lines of the commit
   * @param agentPercentage the agent's share of the changed lines, in percent
   * @param metricVersion the metric version (2 = share of changed lines), 0 for legacy (not written)
   */
  public Attribution {
    Objects.requireNonNull(calculatedAt, "calculatedAt");
    if (!Double.isFinite(agentPercentage)) {
      throw new InvalidCheckpointRequestException("agentPercentage",
          Double.toString(agentPercentage), "must be a finite number");
    }
  }
}
