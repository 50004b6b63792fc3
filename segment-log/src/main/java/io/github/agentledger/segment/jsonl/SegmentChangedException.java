package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;

/**
 * The segment file changed under an open writer: something that ignores the writer lock appended
 * to it, truncated it, replaced it or deleted it. Nothing was written.
 */
final class SegmentChangedException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  private final Change change;
  private final long expectedSize;
  private final long actualSize;

  SegmentChangedException(Path segment, Change change, long expectedSize, long actualSize) {
    super(segment, "segment " + segment + " changed under its writer (" + change.description()
        + "): expected " + expectedSize + " bytes, found " + actualSize, null);
    this.change = change;
    this.expectedSize = expectedSize;
    this.actualSize = actualSize;
  }

  /** {@return what the writer detected} */
  Change change() {
    return change;
  }

  /** {@return the committed length the writer holds} */
  long expectedSize() {
    return expectedSize;
  }

  /** {@return the length found, or -1 when the file is no longer there} */
  long actualSize() {
    return actualSize;
  }

  /** What kind of outside change was detected. */
  enum Change {
    /** The open file's length differs from the writer's committed length. */
    SIZE("its length changed"),
    /** The path now names a different file (renamed over, or deleted and recreated). */
    REPLACED("the path names another file"),
    /** The path no longer exists. */
    DELETED("the file was deleted");

    private final String description;

    Change(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }
}
