package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.file.Path;

/** An I/O operation on a segment file failed; the operation says which one. */
final class SegmentFileIoException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  private final Operation operation;

  SegmentFileIoException(Path file, Operation operation, IOException cause) {
    super(file, "segment " + file + ": " + operation.description() + " failed: " + cause,
        cause);
    this.operation = operation;
  }

  /** {@return the operation that failed} */
  Operation operation() {
    return operation;
  }

  /** The I/O operations of the file layer. */
  enum Operation {
    OPEN("opening"),
    LOCK("locking"),
    READ("reading"),
    REPAIR("repairing the torn tail"),
    APPEND("appending (rolled back)"),
    ROLLBACK("rolling back a failed append"),
    REWRITE("rewriting the whole file"),
    LIST("listing"),
    CLOSE("closing");

    private final String description;

    Operation(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }
}
