package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.EntryCountOutOfRangeException;
import io.github.agentledger.segment.SegmentAlreadyExistsException;
import io.github.agentledger.segment.SegmentLimitExceededException;
import io.github.agentledger.segment.SegmentPathException;
import io.github.agentledger.segment.SegmentWriterUnusableException;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentLogException;
import io.github.agentledger.segment.SegmentNotFoundException;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one place where failures of the file layer and the codec become the API's typed
 * exceptions (STYLE rule 17).
 *
 * <p>Exceptions whose API type names the segment only by its ids (locked, not found, exists,
 * conflict, out of range) keep the file-layer exception, which names the file and the values, as
 * a suppressed exception: the API types take no cause, and their message already names the ids
 * and values. Exceptions with a location (corrupt, I/O) name the file in their message.
 */
final class StoreErrors {
  private StoreErrors() {}

  /**
   * Translates a failure of the file layer raised while working on one segment.
   *
   * @return the API exception, for the caller to throw
   */
  static RuntimeException translate(SegmentFileException e, SessionId session, SegmentId segment) {
    RuntimeException out;
    if (e instanceof WriterLockedException) {
      out = new SegmentLockedException(session, segment);
    } else if (e instanceof CountConflictException c) {
      out = new SegmentConflictException(session, segment, c.expected(), c.actual());
    } else if (e instanceof SegmentMissingException) {
      out = new SegmentNotFoundException(session, segment);
    } else if (e instanceof SegmentExistsException) {
      out = new SegmentAlreadyExistsException(session, segment);
    } else if (e instanceof LineCountOutOfRangeException r) {
      out = new EntryCountOutOfRangeException(session, segment, r.requested(), r.available());
    } else if (e instanceof InvalidUtf8Exception u) {
      return new CorruptSegmentException(location(e.file()), u.lineNumber(), u.lineOffset(),
          "is not valid UTF-8 at byte " + u.badByteOffset(), e);
    } else if (e instanceof SegmentFileIoException io) {
      return new SegmentIoException(
          io.operation().description(), location(e.file()), asIo(e.getCause(), e));
    } else if (e instanceof ForceFailedException) {
      return new SegmentIoException(
          "forcing appended entries to disk (they are not acknowledged)", location(e.file()),
          asIo(e.getCause(), e));
    } else if (e instanceof SegmentChangedException) {
      // Something that ignores the writer lock changed the file; nothing was written. An I/O
      // failure from the caller's point of view: the storage no longer holds what we wrote.
      return new SegmentIoException("checking the segment before writing", location(e.file()),
          new IOException(e.getMessage(), e));
    } else if (e instanceof WriterUnusableException u) {
      if (u.wasClosed()) {
        return new IllegalStateException(e.getMessage(), e);
      }
      Throwable earlier = Objects.requireNonNull(u.getCause(),
          "a writer made unusable by a failure keeps that failure as the cause");
      Throwable inner = earlier.getCause();
      Throwable root = earlier instanceof SegmentFileException && inner != null ? inner : earlier;
      return new SegmentWriterUnusableException(location(e.file()),
          "an earlier failure (" + earlier.getMessage() + ") left it unusable", root);
    } else if (e instanceof LineTooLongException t) {
      SegmentLimitExceededException out2 = new SegmentLimitExceededException(location(e.file()),
          t.lineNumber(), t.lineOffset(), SegmentLimitExceededException.Limit.LINE_BYTES,
          t.maximum(), t.length());
      out2.addSuppressed(e);
      return out2;
    } else if (e instanceof NotRegularFileException n) {
      SegmentPathException out2 = new SegmentPathException(e.file().toString(), n.found());
      out2.addSuppressed(e);
      return out2;
    } else {
      throw new AssertionError("untranslated file-layer exception", e);
    }
    out.addSuppressed(e);
    return out;
  }

  /** Translates a line the codec could not decode, at its place in the file. */
  static CorruptSegmentException corrupt(
      MalformedEntryException e, Path file, long lineNumber, long byteOffset) {
    return e.toCorrupt(location(file), lineNumber, byteOffset);
  }

  /** Translates a line whose JSON exceeds a limit, at its place in the file. */
  static SegmentLimitExceededException limit(
      JsonLimitException e, Path file, long lineNumber, long byteOffset) {
    return e.at(location(file), lineNumber, byteOffset);
  }

  /** Adds where a line is to an exception raised by the API types while decoding it. */
  static SegmentLogException withPlace(
      SegmentLogException e, Path file, long lineNumber, long byteOffset) {
    e.addSuppressed(new CorruptSegmentException(location(file), lineNumber, byteOffset,
        "was rejected: " + e.getMessage(), null));
    return e;
  }

  /** Translates a failure to list a directory of the store. */
  static SegmentIoException listing(SegmentFileException e) {
    return new SegmentIoException("listing", location(e.file()), asIo(e.getCause(), e));
  }

  /** Translates an I/O failure of the store itself (directories) on {@code path}. */
  static SegmentIoException io(String operation, Path path, IOException e) {
    return new SegmentIoException(operation, path.toString(), e);
  }

  /** {@return how a file is named in messages} */
  static String location(Path file) {
    return "segment file " + file;
  }

  private static IOException asIo(@Nullable Throwable cause, SegmentFileException e) {
    return cause instanceof IOException io ? io : new IOException(e.getMessage(), e);
  }
}
