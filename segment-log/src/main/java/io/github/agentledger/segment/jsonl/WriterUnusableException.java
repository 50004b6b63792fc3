package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The writer cannot be used: it was closed, or an earlier failure (a failed force, a failed
 * rollback) left its view of the file untrustworthy. The cause is that earlier failure, if any.
 */
final class WriterUnusableException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  WriterUnusableException(Path segment, String why, @Nullable Throwable cause) {
    super(segment, "segment " + segment + ": writer is unusable: " + why, cause);
  }

  /** {@return whether the writer was closed (no earlier failure is the cause)} */
  boolean wasClosed() {
    return getCause() == null;
  }
}
