package io.github.agentledger.segment;

/**
 * Thrown at once, never after blocking, when a segment is held by another open writer (in this
 * process or another one).
 */
public final class SegmentLockedException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The session named. */
  private final SessionId sessionId;
  /** The locked segment. */
  private final SegmentId segmentId;

  /**
   * Creates the exception.
   *
   * @param sessionId the session named
   * @param segmentId the locked segment
   */
  public SegmentLockedException(SessionId sessionId, SegmentId segmentId) {
    super(
        "segment " + segmentId + " of session " + sessionId + " is locked by another writer", null);
    this.sessionId = sessionId;
    this.segmentId = segmentId;
  }

  /** {@return the session named} */
  public SessionId sessionId() {
    return sessionId;
  }

  /** {@return the locked segment} */
  public SegmentId segmentId() {
    return segmentId;
  }
}
