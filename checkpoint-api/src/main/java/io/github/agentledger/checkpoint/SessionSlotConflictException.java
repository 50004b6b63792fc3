package io.github.agentledger.checkpoint;

/**
 * Thrown when a write would put a session into a slot that already belongs to another session.
 * Nothing is written. Stores that choose slots by their directories (one past the highest slot for
 * a new session) never reach this state; the type stays for stores and callers that check it.
 */
public final class SessionSlotConflictException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The checkpoint id this failure is about, kept for callers and logs. */
  private final CheckpointId checkpointId;
  /** The existing session this failure is about, kept for callers and logs. */
  private final AgentSessionId existingSession;
  /** The incoming session this failure is about, kept for callers and logs. */
  private final AgentSessionId incomingSession;

  /**
   * Creates the exception.
   *
   * @param checkpointId the checkpoint
   * @param existingSession the session that owns slot 0
   * @param incomingSession the session that tried to write slot 0
   * @param ref the ref holding the checkpoint
   */
  public SessionSlotConflictException(CheckpointId checkpointId, AgentSessionId existingSession,
      AgentSessionId incomingSession, String ref) {
    super("checkpoint " + checkpointId + ": refusing to overwrite slot 0 owned by session "
        + existingSession + " with session " + incomingSession + " (inspect with: git ls-tree "
        + ref + " " + checkpointId.shardedPath() + "/)", null);
    this.checkpointId = checkpointId;
    this.existingSession = existingSession;
    this.incomingSession = incomingSession;
  }

  /** {@return the checkpoint} */
  public CheckpointId checkpointId() {
    return checkpointId;
  }

  /** {@return the session that owns slot 0} */
  public AgentSessionId existingSession() {
    return existingSession;
  }

  /** {@return the session that tried to write slot 0} */
  public AgentSessionId incomingSession() {
    return incomingSession;
  }
}
