package io.github.agentledger.segment;

/**
 * Thrown by a compare-and-append when the segment does not hold the entry count the caller
 * expected: another writer moved it, or it was truncated. Nothing was appended.
 */
public final class SegmentConflictException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The session of the segment. */
  private final SessionId sessionId;
  /** The segment. */
  private final SegmentId segmentId;
  /** The entry count the caller expected. */
  private final long expectedEntryCount;
  /** The entry count the segment holds. */
  private final long actualEntryCount;

  /**
   * Creates the exception.
   *
   * @param sessionId the session of the segment
   * @param segmentId the segment
   * @param expectedEntryCount the entry count the caller expected
   * @param actualEntryCount the entry count the segment holds
   */
  public SegmentConflictException(
      SessionId sessionId, SegmentId segmentId, long expectedEntryCount, long actualEntryCount) {
    super(
        "segment "
            + segmentId
            + " of session "
            + sessionId
            + ": expected "
            + expectedEntryCount
            + " entries but it holds "
            + actualEntryCount,
        null);
    this.sessionId = sessionId;
    this.segmentId = segmentId;
    this.expectedEntryCount = expectedEntryCount;
    this.actualEntryCount = actualEntryCount;
  }

  /** {@return the session of the segment} */
  public SessionId sessionId() {
    return sessionId;
  }

  /** {@return the segment} */
  public SegmentId segmentId() {
    return segmentId;
  }

  /** {@return the entry count the caller expected} */
  public long expectedEntryCount() {
    return expectedEntryCount;
  }

  /** {@return the entry count the segment holds} */
  public long actualEntryCount() {
    return actualEntryCount;
  }
}
