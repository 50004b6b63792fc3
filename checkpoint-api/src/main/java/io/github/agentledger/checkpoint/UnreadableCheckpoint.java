package io.github.agentledger.checkpoint;

import java.util.Objects;
import java.util.Optional;

/**
 * Something a listing found but could not read: a checkpoint directory, a file of one, or a
 * whole shard of checkpoints whose tree is damaged or missing (in which case the ids it holds are
 * not known). Reported by {@link CheckpointStore#listing()} so that one damaged object costs only
 * what it holds, and the caller still learns about it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param location the ref and tree path that could not be read ({@code ref:path})
 * @param checkpointId the checkpoint, when the damage lies inside a known checkpoint directory
 * @param reason why it could not be read (the message of the typed error a read would throw)
 */
public record UnreadableCheckpoint(
    String location, Optional<CheckpointId> checkpointId, String reason) {

  /**
   * Rejects nulls.
   *
   * @param location the ref and tree path that could not be read
   * @param checkpointId the checkpoint, when known
   * @param reason why it could not be read
   */
  public UnreadableCheckpoint {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(reason, "reason");
  }
}
