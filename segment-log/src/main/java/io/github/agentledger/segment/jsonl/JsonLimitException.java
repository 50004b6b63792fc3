package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.SegmentLimitExceededException;

/**
 * A line's JSON exceeds a {@link LineLimits} limit while it is parsed (nesting depth, number of
 * values). Parsing stops at once; the store turns this into a {@link
 * SegmentLimitExceededException} naming the file, line and byte offset.
 */
final class JsonLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final SegmentLimitExceededException.Limit limit;
  private final long maximum;
  private final long actual;

  JsonLimitException(SegmentLimitExceededException.Limit limit, long maximum, long actual) {
    super(limit + " limit " + maximum + " exceeded (" + actual + ")", null, false, false);
    this.limit = limit;
    this.maximum = maximum;
    this.actual = actual;
  }

  /** {@return the API exception for this line at its place in the file} */
  SegmentLimitExceededException at(String location, long lineNumber, long byteOffset) {
    SegmentLimitExceededException e = new SegmentLimitExceededException(
        location, lineNumber, byteOffset, limit, maximum, actual);
    e.addSuppressed(this);
    return e;
  }
}
