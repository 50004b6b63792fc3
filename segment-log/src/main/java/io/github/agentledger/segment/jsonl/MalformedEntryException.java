package io.github.agentledger.segment.jsonl;

/**
 * A line that cannot be decoded as an entry: invalid UTF-8, invalid JSON, a wrong type or a
 * missing required field. The store turns it into a {@code CorruptSegmentException} that adds the
 * file, line number and byte offset.
 */
final class MalformedEntryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  MalformedEntryException(String reason, Throwable cause) {
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
}
