package io.github.agentledger.segment;

/**
 * Thrown when a truncation asks for an entry count the segment cannot be cut to: below 1 (the
 * {@code segment_start} always stays) or above the number of entries it holds. Nothing changed.
 */
public final class EntryCountOutOfRangeException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The session of the segment. */
  private final SessionId sessionId;
  /** The segment. */
  private final SegmentId segmentId;
  /** The entry count asked for. */
  private final long requestedEntryCount;
  /** The entry count the segment holds. */
  private final long actualEntryCount;

  /**
   * Creates the exception.
   *
   * @param sessionId the session of the segment
   * @param segmentId the segment
   * @param requestedEntryCount the entry count asked for
   * @param actualEntryCount the entry count the segment holds
   */
  public EntryCountOutOfRangeException(
      SessionId sessionId, SegmentId segmentId, long requestedEntryCount, long actualEntryCount) {
    super(
        "segment "
            + segmentId
            + " of session "
            + sessionId
            + ": cannot truncate to "
            + requestedEntryCount
            + " entries, it holds "
            + actualEntryCount
            + " (allowed: 1.."
            + actualEntryCount
            + ")",
        null);
    this.sessionId = sessionId;
    this.segmentId = segmentId;
    this.requestedEntryCount = requestedEntryCount;
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

  /** {@return the entry count asked for} */
  public long requestedEntryCount() {
    return requestedEntryCount;
  }

  /** {@return the entry count the segment holds} */
  public long actualEntryCount() {
    return actualEntryCount;
  }
}
