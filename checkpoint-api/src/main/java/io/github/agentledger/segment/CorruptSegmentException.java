package io.github.agentledger.segment;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a committed line of a segment cannot be read as an entry: invalid UTF-8, invalid
 * JSON, a wrong type or a missing required field. Corruption is reported, never skipped.
 */
public final class CorruptSegmentException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** Where the segment lives: its file, or its session and segment ids. */
  private final String location;
  /** The 1-based number of the bad line. */
  private final long lineNumber;
  /** The offset of the first byte of the bad line in the segment. */
  private final long byteOffset;
  /** What is wrong with the line. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param location where the segment lives: its file, or its session and segment ids
   * @param lineNumber the 1-based number of the bad line
   * @param byteOffset the offset of the first byte of the bad line in the segment
   * @param reason what is wrong with the line
   * @param cause the underlying parse failure, or {@code null}
   */
  public CorruptSegmentException(
      String location, long lineNumber, long byteOffset, String reason, @Nullable Throwable cause) {
    super(location + ": line " + lineNumber + " (byte " + byteOffset + ") " + reason, cause);
    this.location = location;
    this.lineNumber = lineNumber;
    this.byteOffset = byteOffset;
    this.reason = reason;
  }

  /** {@return where the segment lives: its file, or its session and segment ids} */
  public String location() {
    return location;
  }

  /** {@return the 1-based number of the bad line} */
  public long lineNumber() {
    return lineNumber;
  }

  /** {@return the offset of the first byte of the bad line in the segment} */
  public long byteOffset() {
    return byteOffset;
  }

  /** {@return what is wrong with the line} */
  public String reason() {
    return reason;
  }
}
