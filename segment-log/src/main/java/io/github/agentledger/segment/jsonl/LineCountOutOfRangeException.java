package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;

/** A truncation asked to keep more entries than the segment holds; nothing was changed. */
final class LineCountOutOfRangeException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  private final long requested;
  private final long available;

  LineCountOutOfRangeException(Path segment, long requested, long available) {
    super(segment, "segment " + segment + ": cannot keep " + requested
        + " entries, it holds " + available, null);
    this.requested = requested;
    this.available = available;
  }

  /** {@return the number of entries asked for} */
  long requested() {
    return requested;
  }

  /** {@return the number of committed entries the segment holds} */
  long available() {
    return available;
  }
}
