package io.github.agentledger.segment.jsonl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one open writer of a segment file: holds its {@link WriterLock} (file
 * {@code <segment>.jsonl.lock}) from open to close and appends raw lines (UTF-8 bytes of one JSON
 * object each, without the {@code \n}).
 *
 * <p><b>On open</b> the torn tail (bytes after the last {@code \n}) is cut off and the committed
 * entries (non-blank lines) are counted once by streaming the file; from then on
 * {@link #entryCount()} is O(1). Counting looks at line structure only (newlines, blank
 * lines): content, UTF-8 included, is checked by readers and the codec, not here.
 *
 * <p><b>Appends</b> write all lines of a call in one write; a failed write is rolled back, so a
 * reader sees all of them or none. {@link #append(long, List)} only appends if the entry count
 * equals the caller's expectation ({@link CountConflictException} otherwise). What the writer
 * detects of outside interference (writers that ignore the lock): a change of the file's length
 * (checked before every append), and the path naming another file or none (checked before a
 * compare-and-append and a truncation), both as {@link SegmentChangedException}. Not detected: an
 * in-place overwrite that keeps the length, and a change between that check and the write.
 *
 * <p><b>Durability</b> ({@link WriterOptions#durability()}): with {@code NONE} an append returns
 * once the OS accepted the bytes; with {@code FSYNC_EACH} once {@code fdatasync} of the file
 * returned, the force done by the appending thread; with {@code GROUP_COMMIT} once a force that
 * started after its write returned, shared by concurrent appends (see {@link GroupCommitter}). A
 * failed force fails the appends it covered ({@link ForceFailedException}) and leaves the writer
 * unusable: close it and reopen, which recounts what really is in the file.
 *
 * <p><b>Whole-file writes</b> ({@link #create}, {@link #truncateTo}) go through
 * {@link AtomicFileWrite}: a reader or a crash sees the old or the new file, never a mix.
 *
 * <p>Thread-safe: many threads may append through one writer. Interrupting a thread inside an
 * append closes the underlying channel (NIO semantics) and makes the writer unusable.
 */
final class SegmentFileWriter implements Closeable {
  private final Path segment;
  private final WriterOptions options;
  private final WriterLock lock;
  private final LineAppender appender;
  private @Nullable LineAppender trace;

  private SegmentFileWriter(Path segment, WriterOptions options, WriterLock lock,
      LineAppender appender) {
    this.segment = segment;
    this.options = options;
    this.lock = lock;
    this.appender = appender;
  }

  /**
   * Opens an existing segment for appending.
   *
   * @throws SegmentMissingException if it does not exist (appending never creates a segment)
   * @throws WriterLockedException at once if another writer, here or in another process, holds it
   */
  static SegmentFileWriter open(Path segment, WriterOptions options) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(options, "options");
    WriterLock lock = WriterLock.acquire(segment);
    return openLocked(segment, options, lock);
  }

  /**
   * Creates a new segment holding {@code firstLines}, atomically, and returns its open writer.
   *
   * @throws SegmentExistsException if the file exists (it is left untouched)
   * @throws WriterLockedException if another writer is creating or holds it
   */
  static SegmentFileWriter create(Path segment, List<byte[]> firstLines, WriterOptions options) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(options, "options");
    var content = LineBatch.encode(firstLines);
    WriterLock lock = WriterLock.acquireForCreate(segment);
    try {
      if (Files.exists(segment, LinkOption.NOFOLLOW_LINKS)) {
        throw new SegmentExistsException(segment);
      }
      AtomicFileWrite.replace(segment, channel -> {
        while (content.hasRemaining()) {
          channel.write(content);
        }
      }, options.opener());
    } catch (IOException e) {
      closeAfterFailure(lock, e);
      throw new SegmentFileIoException(segment, SegmentFileIoException.Operation.REWRITE, e);
    } catch (RuntimeException e) {
      closeAfterFailure(lock, e);
      throw e;
    }
    return openLocked(segment, options, lock);
  }

  private static SegmentFileWriter openLocked(
      Path segment, WriterOptions options, WriterLock lock) {
    try {
      LineAppender appender =
          LineAppender.open(segment, options, Presence.MUST_EXIST, Counting.ENTRIES);
      return new SegmentFileWriter(segment, options, lock, appender);
    } catch (RuntimeException e) {
      closeAfterFailure(lock, e);
      throw e;
    }
  }

  /** {@return the committed entries (non-blank lines) of the segment}, in O(1) */
  long entryCount() {
    return appender.entryCount();
  }

  /** {@return the committed length in bytes: where the next line will start} */
  long committedLength() {
    return appender.committedLength();
  }

  /**
   * Appends {@code lines}, whatever the entry count, without waiting for them to be durable (see
   * {@link LineAppender#appendAsync}).
   *
   * @param <T> the future's value
   */
  <T> CompletableFuture<T> appendAsync(List<byte[]> lines, Function<AppendResult, T> value,
      Function<SegmentFileException, ? extends RuntimeException> translate) {
    return appender.appendAsync(lines, value, translate);
  }

  /**
   * Appends {@code lines} in one write; with {@code expectedCount} present, only if the segment
   * holds exactly that many entries.
   *
   * @throws CountConflictException if it does not; nothing is written
   */
  AppendResult append(OptionalLong expectedCount, List<byte[]> lines) {
    return appender.append(expectedCount, lines);
  }

  /**
   * Rewrites the segment atomically to its first {@code keepEntries} entries (rewind, rollback of
   * an empty turn); appends continue after them.
   *
   * @throws LineCountOutOfRangeException if it holds fewer; nothing is changed
   */
  void truncateTo(long keepEntries) {
    appender.truncateTo(keepEntries);
  }

  /**
   * Appends {@code lines} to the segment's trace file {@code <segment-id>.trace.jsonl} (created
   * on first use, same repair, rollback and durability, its own count-free appender); never
   * changes {@link #entryCount()}.
   */
  AppendResult appendTrace(List<byte[]> lines) {
    return traceAppender().append(OptionalLong.empty(), lines);
  }

  private synchronized LineAppender traceAppender() {
    if (trace == null) {
      trace = LineAppender.open(SegmentPaths.traceFile(segment), options,
          Presence.CREATE_IF_MISSING, Counting.NONE);
    }
    return trace;
  }

  /** {@return the options the writer was opened with} */
  WriterOptions options() {
    return options;
  }

  /** {@return the segment file} */
  Path segment() {
    return segment;
  }

  /** Closes the files and releases the writer lock; the lock file stays. Idempotent. */
  @Override
  public void close() {
    try {
      try {
        appender.close();
      } finally {
        synchronized (this) {
          if (trace != null) {
            trace.close();
          }
        }
      }
    } finally {
      lock.close();
    }
  }

  private static void closeAfterFailure(WriterLock lock, Exception primary) {
    try {
      lock.close();
    } catch (RuntimeException e) {
      primary.addSuppressed(e);
    }
  }
}
