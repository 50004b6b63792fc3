package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import java.util.List;

/**
 * How far the v2 layout of a {@link CheckpointLayout#DUAL_WRITE} store is behind v1, its source
 * of truth (docs/checkpoint-format.md#dual-write-convergence). A checkpoint is behind when v1
 * holds it and v2 {@code /main} does not ({@link #missing}), or when v2 holds it but one of v1's
 * sessions is absent on v2 or its v2 transcript differs from v1's ({@link #differing}). Sessions
 * are matched by session id, not by slot number: a v2 that missed a write may number its slots
 * differently. Immutable.
 *
 * @param missing the checkpoints v1 holds and v2 {@code /main} does not, in id order
 * @param differing the checkpoints on both whose v2 sessions lack one of v1's or hold another
 *     transcript, in id order
 */
public record V2Lag(List<CheckpointId> missing, List<CheckpointId> differing) {
  /**
   * Copies the lists.
   *
   * @param missing the checkpoints v2 {@code /main} does not hold
   * @param differing the checkpoints whose v2 sessions or transcripts differ
   */
  public V2Lag {
    missing = List.copyOf(missing);
    differing = List.copyOf(differing);
  }

  /** {@return a report of no lag} */
  public static V2Lag none() {
    return new V2Lag(List.of(), List.of());
  }

  /** {@return whether v2 holds every v1 checkpoint with v1's transcripts} */
  public boolean upToDate() {
    return missing.isEmpty() && differing.isEmpty();
  }

  /** {@return how many checkpoints are behind: missing plus differing} */
  public int size() {
    return missing.size() + differing.size();
  }
}
