package io.github.agentledger.checkpoint;

import java.util.Objects;
import java.util.Optional;

/**
 * Token counts of a session (or, in a summary, the sum over its sessions).
 *
 * <p>Immutable and thread-safe. Stored as the JSON object {@code token_usage}; the sub-agent
 * usage is written only when present and is not summed into checkpoint summaries.
 *
 * @param inputTokens input tokens, not negative
 * @param cacheCreationTokens tokens written to the prompt cache, not negative
 * @param cacheReadTokens tokens read from the prompt cache, not negative
 * @param outputTokens output tokens, not negative
 * @param apiCallCount number of model calls, not negative
 * @param subagentTokens the usage of sub-agents, when known
 */
public record TokenUsage(
    long inputTokens,
    long cacheCreationTokens,
    long cacheReadTokens,
    long outputTokens,
    long apiCallCount,
    Optional<TokenUsage> subagentTokens) {

  /**
   * Validates the counts.
   *
   * @throws InvalidCheckpointRequestException if a count is negative
   *
   * @param inputTokens input tokens, not negative
   * @param cacheCreationTokens tokens written to the prompt cache, not negative
   * @param cacheReadTokens tokens read from the prompt cache, not negative
   * @param outputTokens output tokens, not negative
   * @param apiCallCount number of model calls, not negative
   * @param subagentTokens the usage of sub-agents, when known
   */
  public TokenUsage {
    Objects.requireNonNull(subagentTokens, "subagentTokens");
    requireNotNegative("inputTokens", inputTokens);
    requireNotNegative("cacheCreationTokens", cacheCreationTokens);
    requireNotNegative("cacheReadTokens", cacheReadTokens);
    requireNotNegative("outputTokens", outputTokens);
    requireNotNegative("apiCallCount", apiCallCount);
  }

  /**
   * Creates a usage without sub-agent tokens.
   *
   * @param input input tokens
   * @param cacheCreation cache creation tokens
   * @param cacheRead cache read tokens
   * @param output output tokens
   * @param apiCalls model calls
   * @return the usage
   */
  public static TokenUsage of(long input, long cacheCreation, long cacheRead, long output,
      long apiCalls) {
    return new TokenUsage(input, cacheCreation, cacheRead, output, apiCalls, Optional.empty());
  }

  /**
   * Adds the five scalar counts of another usage to this one; sub-agent usage is dropped, as the
   * summary aggregation does.
   *
   * @param other the usage to add
   * @return the sum
   */
  public TokenUsage plus(TokenUsage other) {
    return of(inputTokens + other.inputTokens, cacheCreationTokens + other.cacheCreationTokens,
        cacheReadTokens + other.cacheReadTokens, outputTokens + other.outputTokens,
        apiCallCount + other.apiCallCount);
  }

  static void requireNotNegative(String field, long value) {
    if (value < 0) {
      throw new InvalidCheckpointRequestException(field, Long.toString(value),
          "must not be negative");
    }
  }
}
