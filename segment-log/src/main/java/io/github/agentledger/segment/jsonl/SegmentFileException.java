package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Root of the failures raised by the segment file layer (writer, reader, whole-file writes).
 *
 * <p>Package-private and independent of the API's exceptions: the store translates each subclass
 * into the matching {@code SegmentLogException} in one place. Every subclass carries the file it
 * is about plus its own structured values, so the translation never parses a message.
 */
abstract sealed class SegmentFileException extends RuntimeException
    permits WriterLockedException, CountConflictException, SegmentChangedException,
        InvalidUtf8Exception, SegmentMissingException, SegmentExistsException,
        LineTooLongException, NotRegularFileException,
        LineCountOutOfRangeException, ForceFailedException, WriterUnusableException,
        SegmentFileIoException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  SegmentFileException(Path file, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file");
  }

  /** {@return the file the failure is about} */
  final Path file() {
    return file;
  }
}
