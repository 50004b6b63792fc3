package io.github.agentledger.segment;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a writer that can no longer be used: an earlier failure (a failed force of appended
 * entries to stable storage, a failed rollback of a failed write) left its view of the file
 * untrustworthy. Nothing is written. Close the writer and open a new one, which recounts what the
 * segment really holds. The cause is that earlier failure.
 */
public final class SegmentWriterUnusableException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The segment's file or ids. */
  private final String location;

  /**
   * Creates the exception.
   *
   * @param location the segment's file or ids
   * @param why what made the writer unusable
   * @param cause the earlier failure, or {@code null} when there is none
   */
  public SegmentWriterUnusableException(String location, String why, @Nullable Throwable cause) {
    super(location + ": the writer is unusable: " + why
        + "; close it and open a new writer", cause);
    this.location = location;
  }

  /** {@return the segment's file or ids} */
  public String location() {
    return location;
  }
}
