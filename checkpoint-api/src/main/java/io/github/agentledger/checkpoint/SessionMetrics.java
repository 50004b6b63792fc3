package io.github.agentledger.checkpoint;

/**
 * Session metrics reported by agent hooks. A zero value means "not reported" and is not written
 * (the format omits zero fields).
 *
 * <p>Immutable and thread-safe.
 *
 * @param durationMs session duration in milliseconds, not negative
 * @param turnCount number of turns, not negative
 * @param contextTokens tokens in the context window, not negative
 * @param contextWindowSize size of the context window, not negative
 */
public record SessionMetrics(
    long durationMs, long turnCount, long contextTokens, long contextWindowSize) {

  /**
   * Validates the values.
   *
   * @throws InvalidCheckpointRequestException if a value is negative
   *
   * @param durationMs session duration in milliseconds, not negative
   * @param turnCount number of turns, not negative
   * @param contextTokens tokens in the context window, not negative
   * @param contextWindowSize size of the context window, not negative
   */
  public SessionMetrics {
    TokenUsage.requireNotNegative("durationMs", durationMs);
    TokenUsage.requireNotNegative("turnCount", turnCount);
    TokenUsage.requireNotNegative("contextTokens", contextTokens);
    TokenUsage.requireNotNegative("contextWindowSize", contextWindowSize);
  }
}
