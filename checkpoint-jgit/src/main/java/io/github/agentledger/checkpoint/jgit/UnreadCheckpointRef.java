package io.github.agentledger.checkpoint.jgit;

import java.util.Objects;

/**
 * A ref under {@code refs/entire/checkpoints/} that the git-refs layout does not read as a
 * checkpoint, and why: its name does not round-trip to an id (a shard other than the id's last
 * two characters, extra path segments, an id that does not parse), or it points at something
 * other than a commit whose tree is a checkpoint directory. Immutable.
 *
 * @param ref the full ref name
 * @param reason why it is not read, naming the values involved
 */
public record UnreadCheckpointRef(String ref, String reason) {
  /**
   * Validates the fields.
   *
   * @param ref the full ref name
   * @param reason why it is not read
   */
  public UnreadCheckpointRef {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(reason, "reason");
  }
}
