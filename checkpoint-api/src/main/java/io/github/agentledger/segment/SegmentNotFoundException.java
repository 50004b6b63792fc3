package io.github.agentledger.segment;

/** Thrown when an operation names a segment that does not exist in the store. */
public final class SegmentNotFoundException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The session named. */
  private final SessionId sessionId;
  /** The segment that does not exist. */
  private final SegmentId segmentId;

  /**
   * Creates the exception.
   *
   * @param sessionId the session named
   * @param segmentId the segment that does not exist
   */
  public SegmentNotFoundException(SessionId sessionId, SegmentId segmentId) {
    super("segment " + segmentId + " of session " + sessionId + " does not exist", null);
    this.sessionId = sessionId;
    this.segmentId = segmentId;
  }

  /** {@return the session named} */
  public SessionId sessionId() {
    return sessionId;
  }

  /** {@return the segment that does not exist} */
  public SegmentId segmentId() {
    return segmentId;
  }
}
