package io.github.agentledger.segment;

/** Thrown when an operation names a session that holds no segment in the store. */
public final class SessionNotFoundException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The session named. */
  private final SessionId sessionId;

  /**
   * Creates the exception.
   *
   * @param sessionId the session named
   */
  public SessionNotFoundException(SessionId sessionId) {
    super("session " + sessionId + " holds no segment", null);
    this.sessionId = sessionId;
  }

  /** {@return the session named} */
  public SessionId sessionId() {
    return sessionId;
  }
}
