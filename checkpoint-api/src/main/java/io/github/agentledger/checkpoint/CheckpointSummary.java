package io.github.agentledger.checkpoint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The aggregate of a checkpoint over all its sessions (the root {@code metadata.json} of the
 * checkpoint directory).
 *
 * <p>Immutable and thread-safe; the lists are copied.
 *
 * @param cliVersion version of the writing tool, or empty
 * @param checkpointId the checkpoint
 * @param strategy the strategy of the latest write
 * @param branch the code branch of the latest write, or empty
 * @param checkpointsCount the sum of the sessions' step counts
 * @param filesTouched the union of the sessions' files, sorted, without duplicates
 * @param sessions the paths of every session slot, by slot number: one per slot directory,
 *     also for directories the stored summary does not list
 * @param tokenUsage the sum of the sessions' token usage, when any session has one
 * @param combinedAttribution attribution across all sessions, when computed
 * @param hasReview whether any write marked the checkpoint as reviewed (sticky)
 * @param migrationSourceCommit the {@code migration_source_commit} an Entire CLI migration
 *     recorded, or empty
 */
public record CheckpointSummary(
    String cliVersion,
    CheckpointId checkpointId,
    String strategy,
    String branch,
    long checkpointsCount,
    List<String> filesTouched,
    List<SessionPaths> sessions,
    Optional<TokenUsage> tokenUsage,
    Optional<Attribution> combinedAttribution,
    boolean hasReview,
    String migrationSourceCommit) {

  /**
   * Rejects nulls and copies the lists.
   *
   * @param cliVersion version of the writing tool, or empty
   * @param checkpointId the checkpoint
   * @param strategy the strategy of the latest write
   * @param branch the code branch of the latest write, or empty
   * @param checkpointsCount the sum of the sessions' step counts
   * @param filesTouched the union of the sessions' files, sorted, without duplicates
   * @param sessions the paths of every session slot, by slot number
   * @param tokenUsage the sum of the sessions' token usage, when any session has one
   * @param combinedAttribution attribution across all sessions, when computed
   * @param hasReview whether any write marked the checkpoint as reviewed (sticky)
   * @param migrationSourceCommit the recorded migration source commit, or empty
   */
  public CheckpointSummary {
    Objects.requireNonNull(cliVersion, "cliVersion");
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(branch, "branch");
    filesTouched = List.copyOf(filesTouched);
    sessions = List.copyOf(sessions);
    Objects.requireNonNull(tokenUsage, "tokenUsage");
    Objects.requireNonNull(combinedAttribution, "combinedAttribution");
    Objects.requireNonNull(migrationSourceCommit, "migrationSourceCommit");
  }

  /**
   * A summary without a migration source commit.
   *
   * @param cliVersion version of the writing tool, or empty
   * @param checkpointId the checkpoint
   * @param strategy the strategy of the latest write
   * @param branch the code branch of the latest write, or empty
   * @param checkpointsCount the sum of the sessions' step counts
   * @param filesTouched the union of the sessions' files, sorted, without duplicates
   * @param sessions the paths of each session slot, by slot number
   * @param tokenUsage the sum of the sessions' token usage, when any session has one
   * @param combinedAttribution attribution across all sessions, when computed
   * @param hasReview whether any write marked the checkpoint as reviewed (sticky)
   */
  public CheckpointSummary(String cliVersion, CheckpointId checkpointId, String strategy,
      String branch, long checkpointsCount, List<String> filesTouched, List<SessionPaths> sessions,
      Optional<TokenUsage> tokenUsage, Optional<Attribution> combinedAttribution,
      boolean hasReview) {
    this(cliVersion, checkpointId, strategy, branch, checkpointsCount, filesTouched, sessions,
        tokenUsage, combinedAttribution, hasReview, "");
  }
}
