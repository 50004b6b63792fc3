package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CommitId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint the remote advertises under the git-refs layout, known by name only: nothing of it
 * has been fetched. Immutable.
 *
 * @param id the checkpoint
 * @param ref the remote ref's full name
 * @param tip the commit the remote ref points at
 * @param createdAt the time a ULID id encodes; empty for a legacy hex id
 */
public record RemoteCheckpoint(CheckpointId id, String ref, CommitId tip,
    Optional<Instant> createdAt) {
  /**
   * Validates the fields.
   *
   * @param id the checkpoint
   * @param ref the remote ref's full name
   * @param tip the commit the remote ref points at
   * @param createdAt the time a ULID id encodes
   */
  public RemoteCheckpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(tip, "tip");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
