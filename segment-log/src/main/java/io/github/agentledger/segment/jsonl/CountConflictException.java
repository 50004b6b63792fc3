package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;

/** A compare-and-append expected a different entry count than the writer holds. */
final class CountConflictException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  private final long expected;
  private final long actual;

  CountConflictException(Path segment, long expected, long actual) {
    super(segment, "segment " + segment + ": append expected " + expected
        + " committed entries, the writer holds " + actual, null);
    this.expected = expected;
    this.actual = actual;
  }

  /** {@return the entry count the caller expected} */
  long expected() {
    return expected;
  }

  /** {@return the entry count the writer holds} */
  long actual() {
    return actual;
  }
}
