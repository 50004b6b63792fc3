package io.github.agentledger.checkpoint;

import java.util.Objects;

/**
 * Where the files of one session slot live, as absolute tree paths starting with {@code /} (for
 * example {@code /a3/b2c4d5e6f7/0/metadata.json}). A path that does not exist is empty.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metadata the session metadata file
 * @param transcript the first transcript chunk, or empty when no transcript was stored
 * @param contentHash the content hash file, or empty when no transcript was stored
 * @param prompt the prompt file, or empty (the summary always lists it, possibly empty)
 */
public record SessionPaths(String metadata, String transcript, String contentHash, String prompt) {

  /**
   * Rejects nulls.
   *
   * @param metadata the session metadata file
   * @param transcript the first transcript chunk, or empty when no transcript was stored
   * @param contentHash the content hash file, or empty when no transcript was stored
   * @param prompt the prompt file, or empty (the summary always lists it, possibly empty)
   */
  public SessionPaths {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(prompt, "prompt");
  }
}
