package io.github.agentledger.checkpoint;

import java.util.Objects;

/**
 * The head of a checkpoint's summary: every aggregate field, the first sessions by slot number,
 * and how many sessions there are in all. What {@link CheckpointStore#readSummaryHead} returns,
 * so that showing a checkpoint of 200 000 sessions costs what is shown, not what is stored.
 *
 * <p>Immutable and thread-safe.
 *
 * @param summary the summary, with {@link CheckpointSummary#sessions()} holding only the first
 *     sessions by slot number (at most the number asked for), each exactly as
 *     {@link CheckpointStore#readSummary} reports it
 * @param sessionCount how many sessions the checkpoint holds in all (one per slot directory, as
 *     {@link CheckpointStore#readSummary} counts them); at least {@code summary.sessions().size()}
 */
public record CheckpointSummaryHead(CheckpointSummary summary, int sessionCount) {

  /**
   * Rejects a count below the sessions held.
   *
   * @param summary the summary with the first sessions
   * @param sessionCount how many sessions there are in all
   */
  public CheckpointSummaryHead {
    Objects.requireNonNull(summary, "summary");
    if (sessionCount < summary.sessions().size()) {
      throw new IllegalArgumentException("sessionCount " + sessionCount
          + " is below the " + summary.sessions().size() + " sessions held");
    }
  }

  /**
   * The head of a whole summary: its first {@code maxSessions} sessions.
   *
   * @param whole a summary with every session
   * @param maxSessions how many sessions to keep, not negative
   * @return the head
   * @throws IllegalArgumentException if {@code maxSessions} is negative
   */
  public static CheckpointSummaryHead of(CheckpointSummary whole, int maxSessions) {
    if (maxSessions < 0) {
      throw new IllegalArgumentException("maxSessions must not be negative, got " + maxSessions);
    }
    int all = whole.sessions().size();
    if (all <= maxSessions) {
      return new CheckpointSummaryHead(whole, all);
    }
    return new CheckpointSummaryHead(new CheckpointSummary(whole.cliVersion(),
        whole.checkpointId(), whole.strategy(), whole.branch(), whole.checkpointsCount(),
        whole.filesTouched(), whole.sessions().subList(0, maxSessions), whole.tokenUsage(),
        whole.combinedAttribution(), whole.hasReview(), whole.migrationSourceCommit()), all);
  }

  /** {@return how many sessions are counted but not held} */
  public int sessionsNotHeld() {
    return sessionCount - summary.sessions().size();
  }
}
