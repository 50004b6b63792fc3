package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;

/**
 * A committed line of a file is longer than {@link LineLimits#maxLineBytes()}; found by looking
 * ahead for its end, without buffering it.
 */
final class LineTooLongException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  private final long lineNumber;
  private final long lineOffset;
  private final long length;
  private final long maximum;

  LineTooLongException(Path file, long lineNumber, long lineOffset, long length, long maximum) {
    super(file, "segment " + file + ": line " + lineNumber + " (byte " + lineOffset + ") is "
        + length + " bytes long, more than the maximum of " + maximum, null);
    this.lineNumber = lineNumber;
    this.lineOffset = lineOffset;
    this.length = length;
    this.maximum = maximum;
  }

  long lineNumber() {
    return lineNumber;
  }

  long lineOffset() {
    return lineOffset;
  }

  long length() {
    return length;
  }

  long maximum() {
    return maximum;
  }
}
