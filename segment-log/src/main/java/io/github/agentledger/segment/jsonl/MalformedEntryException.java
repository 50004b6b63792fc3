package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.CorruptSegmentException;
import org.jspecify.annotations.Nullable;

/**
 * A line that cannot be decoded as an entry: invalid UTF-8, invalid JSON, a wrong type or a missing
 * required field. The store turns it into a {@code CorruptSegmentException} that adds the file,
 * line number and byte offset.
 */
final class MalformedEntryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  MalformedEntryException(String reason, @Nullable Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  MalformedEntryException(String reason) {
    this(reason, null);
  }

  /** What is wrong with the line. */
  String reason() {
    return reason;
  }

  /**
   * The public error for this line, once the file layer knows where it is.
   *
   * @param location the segment file
   * @param lineNumber the 1-based line number
   * @param byteOffset the offset of the line's first byte in the file
   */
  CorruptSegmentException toCorrupt(String location, long lineNumber, long byteOffset) {
    return new CorruptSegmentException(location, lineNumber, byteOffset, reason, this);
  }
}
