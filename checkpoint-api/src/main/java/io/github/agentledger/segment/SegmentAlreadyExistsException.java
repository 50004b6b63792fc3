package io.github.agentledger.segment;

/** Thrown when creating a segment that already exists; the existing segment is left unchanged. */
public final class SegmentAlreadyExistsException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The session named. */
  private final SessionId sessionId;
  /** The segment that already exists. */
  private final SegmentId segmentId;

  /**
   * Creates the exception.
   *
   * @param sessionId the session named
   * @param segmentId the segment that already exists
   */
  public SegmentAlreadyExistsException(SessionId sessionId, SegmentId segmentId) {
    super("segment " + segmentId + " of session " + sessionId + " already exists", null);
    this.sessionId = sessionId;
    this.segmentId = segmentId;
  }

  /** {@return the session named} */
  public SessionId sessionId() {
    return sessionId;
  }

  /** {@return the segment that already exists} */
  public SegmentId segmentId() {
    return segmentId;
  }
}
