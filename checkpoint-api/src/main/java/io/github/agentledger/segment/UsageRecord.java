package io.github.agentledger.segment;

/**
 * Token usage of one LLM request, as logged by an {@code llm_usage} entry.
 *
 * <p>Immutable and thread-safe.
 *
 * @param historyLen the history length when the request was sent
 * @param inputTotalTokens the provider-measured size of the whole prompt
 * @param cacheReadTokens the prompt tokens read from the provider's cache
 * @param cacheWriteTokens the prompt tokens written to the provider's cache
 * @param outputTokens the tokens generated
 */
public record UsageRecord(
    long historyLen,
    long inputTotalTokens,
    long cacheReadTokens,
    long cacheWriteTokens,
    long outputTokens) {
  /**
   * Rejects negative counts.
   *
   * @param historyLen the history length when the request was sent
   * @param inputTotalTokens the provider-measured size of the whole prompt
   * @param cacheReadTokens the prompt tokens read from the provider's cache
   * @param cacheWriteTokens the prompt tokens written to the provider's cache
   * @param outputTokens the tokens generated
   */
  public UsageRecord {
    if (historyLen < 0
        || inputTotalTokens < 0
        || cacheReadTokens < 0
        || cacheWriteTokens < 0
        || outputTokens < 0) {
      throw new IllegalArgumentException("negative usage count in " + this);
    }
  }
}
