package io.github.agentledger.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a checkpoint listing. Fields that could not be read are empty (a checkpoint with a
 * damaged summary is still listed).
 *
 * <p>Immutable and thread-safe; the list is copied.
 *
 * @param checkpointId the checkpoint
 * @param createdAt when the latest session was written, when readable
 * @param sessionCount number of session slot directories
 * @param checkpointsCount the summed step count
 * @param filesTouched the union of touched files
 * @param agent the agent of the latest session, or empty
 * @param latestSessionId the session of the latest slot, when readable
 */
public record CheckpointListEntry(
    CheckpointId checkpointId,
    Optional<Instant> createdAt,
    int sessionCount,
    long checkpointsCount,
    List<String> filesTouched,
    String agent,
    Optional<AgentSessionId> latestSessionId) {

  /**
   * Rejects nulls and copies the list.
   *
   * @param checkpointId the checkpoint
   * @param createdAt when the latest session was written, when readable
   * @param sessionCount number of session slot directories
   * @param checkpointsCount the summed step count
   * @param filesTouched the union of touched files
   * @param agent the agent of the latest session, or empty
   * @param latestSessionId the session of the latest slot, when readable
   */
  public CheckpointListEntry {
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(createdAt, "createdAt");
    filesTouched = List.copyOf(filesTouched);
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(latestSessionId, "latestSessionId");
  }
}
