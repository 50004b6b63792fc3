package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;

/** A committed line is not valid UTF-8. */
final class InvalidUtf8Exception extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  private final long lineNumber;
  private final long lineOffset;
  private final long badByteOffset;

  InvalidUtf8Exception(Path file, long lineNumber, long lineOffset, long badByteOffset) {
    super(file, "segment " + file + ": line " + lineNumber + " (byte " + lineOffset
        + ") is not valid UTF-8 at byte " + badByteOffset, null);
    this.lineNumber = lineNumber;
    this.lineOffset = lineOffset;
    this.badByteOffset = badByteOffset;
  }

  /** {@return the 1-based line number, blank lines included} */
  long lineNumber() {
    return lineNumber;
  }

  /** {@return the byte offset of the line's first byte in the file} */
  long lineOffset() {
    return lineOffset;
  }

  /** {@return the byte offset, in the file, of the first byte that breaks UTF-8} */
  long badByteOffset() {
    return badByteOffset;
  }
}
