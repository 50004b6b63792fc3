package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;

/** Another writer, in this process or another one, holds the segment's writer lock. */
final class WriterLockedException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  private final transient Path lockFile;

  WriterLockedException(Path segment, Path lockFile, Holder holder) {
    super(segment, "segment " + segment + " is already open for writing by "
        + holder.description() + " (lock file " + lockFile + ")", null);
    this.lockFile = lockFile;
  }

  /** {@return the lock file whose lock could not be taken} */
  Path lockFile() {
    return lockFile;
  }

  /** Who holds the lock, as far as the failed attempt can tell. */
  enum Holder {
    /** A writer in this JVM (seen in the process-wide registry). */
    THIS_PROCESS("another writer in this process"),
    /** The operating system refused the lock: another process holds it. */
    OTHER_PROCESS("another process");

    private final String description;

    Holder(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }
}
