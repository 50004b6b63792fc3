package io.github.agentledger.segment.jsonl;

/**
 * Where a line starts in a segment file: its byte offset and its 1-based line number (blank lines
 * count). A reader can resume from a position another reader reached.
 *
 * @param byteOffset the offset of the line's first byte, at least 0
 * @param lineNumber the line's 1-based number, at least 1
 */
record LinePosition(long byteOffset, long lineNumber) {
  /** The first line of a file. */
  static final LinePosition START = new LinePosition(0, 1);

  LinePosition {
    if (byteOffset < 0) {
      throw new IllegalArgumentException("byteOffset must be >= 0, was " + byteOffset);
    }
    if (lineNumber < 1) {
      throw new IllegalArgumentException("lineNumber must be >= 1, was " + lineNumber);
    }
  }
}
