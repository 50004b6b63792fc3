package io.github.agentledger.checkpoint;

import java.util.Objects;

/**
 * Says that a session slot names a transcript whose object is not in the local object database
 * (a partial or shallow clone, a mirror that dropped large objects): the slot's metadata, prompts,
 * {@code context.md} and stored content hash still read; only the transcript is unavailable here.
 *
 * <p>Immutable and thread-safe.
 *
 * @param checkpointId the checkpoint
 * @param slot the slot number (the name of the slot directory)
 * @param path the tree path of the absent file, from the root of the ref (for example
 *     {@code a3/b2c4d5e6f7/2/full.jsonl})
 * @param blob the id of the absent object
 */
public record TranscriptNotAvailable(CheckpointId checkpointId, int slot, String path,
    BlobId blob) {

  /**
   * Rejects nulls and negative slots.
   *
   * @param checkpointId the checkpoint
   * @param slot the slot number
   * @param path the tree path of the absent file
   * @param blob the id of the absent object
   */
  public TranscriptNotAvailable {
    Objects.requireNonNull(checkpointId, "checkpointId");
    if (slot < 0) {
      throw new IllegalArgumentException("slot must not be negative, got " + slot);
    }
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(blob, "blob");
  }

  /** {@return the exception a caller that needs the transcript throws} */
  public TranscriptNotAvailableException toException() {
    return new TranscriptNotAvailableException(this);
  }
}
