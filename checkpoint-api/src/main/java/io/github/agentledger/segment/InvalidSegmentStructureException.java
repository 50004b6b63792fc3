package io.github.agentledger.segment;

/**
 * Thrown when entries break the shape of a segment: the first entry is not a {@code segment_start},
 * a second {@code segment_start} appears, or the start names another session. Nothing is written
 * when a write is rejected for this reason.
 */
public final class InvalidSegmentStructureException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The 1-based position of the offending entry in its segment. */
  private final long entryNumber;
  /** What is wrong. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param entryNumber the 1-based position of the offending entry in its segment
   * @param reason what is wrong
   */
  public InvalidSegmentStructureException(long entryNumber, String reason) {
    super("entry " + entryNumber + ": " + reason, null);
    this.entryNumber = entryNumber;
    this.reason = reason;
  }

  /** {@return the 1-based position of the offending entry in its segment} */
  public long entryNumber() {
    return entryNumber;
  }

  /** {@return what is wrong} */
  public String reason() {
    return reason;
  }
}
