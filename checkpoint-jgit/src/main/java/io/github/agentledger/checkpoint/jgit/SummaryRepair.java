package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import java.util.Objects;

/**
 * What {@link JGitCheckpointStore#reaggregateSummary(CheckpointId)} did to one ref's copy of a
 * checkpoint summary. Immutable.
 *
 * @param checkpointId the checkpoint
 * @param ref the full name of the ref whose summary was re-aggregated (or found consistent)
 * @param outcome whether a commit was made
 */
public record SummaryRepair(CheckpointId checkpointId, String ref, Outcome outcome) {
  /** Whether the re-aggregation changed the stored summary. */
  public enum Outcome {
    /** The stored summary differed from its re-aggregation: one new commit holds the new one. */
    REWRITTEN,
    /** The stored summary already was its re-aggregation, byte for byte: nothing was written. */
    UNCHANGED
  }

  /**
   * Validates the fields.
   *
   * @param checkpointId the checkpoint
   * @param ref the full ref name
   * @param outcome whether a commit was made
   */
  public SummaryRepair {
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(outcome, "outcome");
  }
}
