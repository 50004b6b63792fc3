package io.github.agentledger.segment.lineage;

import io.github.agentledger.segment.ExtensionPayload;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.RequestConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new conversation starts from: the system prompt, the request configuration, a seed
 * history and extension payloads to carry in.
 *
 * <p>Immutable and thread-safe.
 *
 * @param systemPrompt the system prompt, if any
 * @param config the request configuration
 * @param history the seed history, possibly empty
 * @param extensions extension payloads the segment starts with, in order, possibly empty
 */
public record SegmentSeed(
    Optional<String> systemPrompt,
    RequestConfig config,
    List<HistoryItem> history,
    List<ExtensionPayload> extensions) {
  /**
   * Validates and copies the components.
   *
   * @param systemPrompt the system prompt, if any
   * @param config the request configuration
   * @param history the seed history, possibly empty
   * @param extensions extension payloads the segment starts with, in order, possibly empty
   */
  public SegmentSeed {
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(config, "config");
    history = List.copyOf(history);
    extensions = List.copyOf(extensions);
  }

  /**
   * Creates a seed with a system prompt and configuration only.
   *
   * @param systemPrompt the system prompt
   * @param config the request configuration
   * @return the seed, with no history and no extension
   */
  public static SegmentSeed of(String systemPrompt, RequestConfig config) {
    return new SegmentSeed(Optional.of(systemPrompt), config, List.of(), List.of());
  }
}
