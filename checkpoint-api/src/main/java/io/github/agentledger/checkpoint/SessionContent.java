package io.github.agentledger.checkpoint;

import java.util.List;
import java.util.Objects;

/**
 * One session of a checkpoint as read back: its metadata, the reassembled transcript and the
 * prompts.
 *
 * <p>Immutable and thread-safe; the list is copied.
 *
 * @param sessionIndex the slot index (0-based)
 * @param metadata the session metadata
 * @param transcript the full transcript, empty when none was stored
 * @param prompts the prompts, in order (empty when none were stored)
 */
public record SessionContent(
    int sessionIndex, SessionMetadata metadata, Transcript transcript, List<String> prompts) {

  /**
   * Rejects nulls and negative indexes, copies the list.
   *
   * @param sessionIndex the slot index (0-based)
   * @param metadata the session metadata
   * @param transcript the full transcript, empty when none was stored
   * @param prompts the prompts, in order (empty when none were stored)
   */
  public SessionContent {
    if (sessionIndex < 0) {
      throw new IllegalArgumentException("sessionIndex must not be negative, got " + sessionIndex);
    }
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(transcript, "transcript");
    prompts = List.copyOf(prompts);
  }
}
