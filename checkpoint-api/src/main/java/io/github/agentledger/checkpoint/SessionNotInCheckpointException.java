package io.github.agentledger.checkpoint;

/**
 * Thrown when an update names a session that owns no slot of the checkpoint. Nothing is written:
 * unlike the Entire CLI, which then finalises the latest slot (and so replaces another session's
 * transcript), the store refuses.
 */
public final class SessionNotInCheckpointException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The checkpoint this failure is about, kept for callers and logs. */
  private final CheckpointId checkpointId;
  /** The session this failure is about, kept for callers and logs. */
  private final AgentSessionId sessionId;

  /**
   * Creates the exception.
   *
   * @param checkpointId the checkpoint
   * @param sessionId the session that owns no slot in it
   * @param ref the ref that was searched
   */
  public SessionNotInCheckpointException(CheckpointId checkpointId, AgentSessionId sessionId,
      String ref) {
    super("checkpoint " + checkpointId + " on " + ref + ": no slot belongs to session "
        + sessionId + "; refusing to finalise another session's slot (inspect with: git ls-tree -r "
        + ref + " " + checkpointId.shardedPath() + "/)", null);
    this.checkpointId = checkpointId;
    this.sessionId = sessionId;
  }

  /** {@return the checkpoint} */
  public CheckpointId checkpointId() {
    return checkpointId;
  }

  /** {@return the session that owns no slot} */
  public AgentSessionId sessionId() {
    return sessionId;
  }
}
