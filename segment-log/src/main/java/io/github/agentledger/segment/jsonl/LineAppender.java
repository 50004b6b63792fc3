// Past 400 lines on purpose: appends (synchronous, staged and forced), rollback, the atomic
// rewrite and close all guard one invariant under one write lock, the committed length against
// the file; spread over classes, each would have to reach into the others' state.
package io.github.agentledger.segment.jsonl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Appends whole lines to one file through one channel, with torn-tail repair, rollback and the
 * chosen durability. The caller holds the file's {@link WriterLock}; this class does not lock
 * other processes out.
 *
 * <p>Appends write at the writer's committed length (a positional write, not {@code O_APPEND}),
 * all lines of one call in one buffer: either every line of the call becomes visible or, if the
 * write fails, the file is truncated back to the committed length and none does. Before writing,
 * the channel's size is compared to the committed length, so bytes added or removed by something
 * that ignores the lock are detected instead of overwritten; a compare-and-append also checks that
 * the path still names the file the writer opened.
 *
 * <p>Asynchronous appends ({@link #appendAsync}, with {@link Durability#GROUP_COMMIT}) are not
 * written by the caller: their lines are staged in memory ({@link StagedLines}) in call order and
 * written in one positional write, by the committer's flusher just before its force, or by the
 * next synchronous append, rewrite or close before its own write (so the file always holds the
 * calls' lines in call order). Their futures complete only once a force covered them; a staged
 * line is never visible to readers before it is written, and a crash loses only unacknowledged
 * staged lines. If writing the staged lines fails (rolled back as any failed write), exactly the
 * staged appends fail and the entry count goes back to what the file holds.
 *
 * <p>Thread-safe: appends are serialised by an internal lock; with
 * {@link Durability#GROUP_COMMIT} the force happens outside that lock, shared through a
 * {@link GroupCommitter}. After a failed force or a failed rollback the appender refuses every
 * further call ({@link WriterUnusableException}).
 */
final class LineAppender implements Closeable {
  private final Path file;
  private final WriterOptions options;
  private final Counting counting;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final GroupCommitter committer;

  private final StagedLines staged = new StagedLines();
  // Set without the write lock by a failed force (the forcing thread may not take that lock).
  private final AtomicReference<@Nullable SegmentFileException> unusable =
      new AtomicReference<>();

  private volatile FileChannel channel;
  // Every append up to this ticket is written (or was failed); read by the committer.
  private volatile long writtenTicket;
  private long lastTicket;
  private Object fileKey;
  private long committedLength; // bytes in the file; staged bytes come after
  private long entryCount; // including staged lines
  private boolean closed;

  private LineAppender(Path file, WriterOptions options, Counting counting, FileChannel channel,
      Object fileKey, long committedLength, long entryCount) {
    this.file = file;
    this.options = options;
    this.counting = counting;
    this.channel = channel;
    this.fileKey = fileKey;
    this.committedLength = committedLength;
    this.entryCount = entryCount;
    this.committer = new GroupCommitter(file, this::forceChannel, () -> writtenTicket,
        this::drainForCommitter, options.groupCommitMaxBatch(),
        options.groupCommitMaxDelay().toNanos(), 0);
  }

  /**
   * Opens {@code file} for appending: repairs its torn tail and, with {@link Counting#ENTRIES},
   * counts its committed entries by streaming it once.
   */
  static LineAppender open(Path file, WriterOptions options, Presence presence,
      Counting counting) {
    Set<OpenOption> openOptions = new HashSet<>(
        List.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    if (presence == Presence.CREATE_IF_MISSING) {
      openOptions.add(StandardOpenOption.CREATE);
    }
    FileChannel channel;
    try {
      try {
        SegmentLineReader.requireRegularFile(file);
      } catch (NoSuchFileException e) {
        if (presence == Presence.MUST_EXIST) {
          throw e;
        }
      }
      channel = options.opener().open(file, openOptions);
    } catch (NoSuchFileException e) {
      throw new SegmentMissingException(file, e);
    } catch (IOException e) {
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.OPEN, e);
    }
    try {
      long length;
      try {
        length = TornTail.repair(channel);
      } catch (IOException e) {
        throw new SegmentFileIoException(file, SegmentFileIoException.Operation.REPAIR, e);
      }
      long count = counting == Counting.ENTRIES
          ? countEntries(file, length, options.limits().maxLineBytes()) : 0;
      return new LineAppender(file, options, counting, channel, fileKey(file), length, count);
    } catch (RuntimeException e) {
      closeAfterFailure(channel, e);
      throw e;
    }
  }

  private static long countEntries(Path file, long committedLength, int maxLineBytes) {
    long count = 0;
    try (SegmentLineReader reader = SegmentLineReader.open(file, LinePosition.START,
        SegmentLineReader.DEFAULT_BUFFER_SIZE, maxLineBytes)) {
      while (reader.next()) {
        count++;
      }
      long end = reader.position().byteOffset();
      if (end != committedLength) {
        throw new SegmentChangedException(file, SegmentChangedException.Change.SIZE,
            committedLength, end);
      }
    }
    return count;
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.OPEN, e);
    }
  }

  /** {@return the committed entries; 0 for a file opened with Counting.NONE}, in O(1) */
  long entryCount() {
    writeLock.lock();
    try {
      return entryCount;
    } finally {
      writeLock.unlock();
    }
  }

  /** {@return the length in bytes, staged lines included: where the next line will start} */
  long committedLength() {
    writeLock.lock();
    try {
      return committedLength + staged.bytes();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Appends {@code lines} as one write; with {@code expectedCount} present, only if the entry
   * count equals it. Returns once the lines are as durable as the options say.
   */
  AppendResult append(OptionalLong expectedCount, List<byte[]> lines) {
    ByteBuffer data = LineBatch.encode(lines);
    if (options.durability() != Durability.GROUP_COMMIT) {
      return write(expectedCount, data, lines.size()).result();
    }
    try (GroupCommitter.Arrival arrival = committer.arrive()) {
      Written written = write(expectedCount, data, lines.size());
      try {
        arrival.awaitDurable(written.ticket());
      } catch (ForceFailedException e) {
        unusable.compareAndSet(null, e);
        throw e;
      }
      return written.result();
    }
  }

  /**
   * An append's write.
   *
   * @param result what the append returns
   * @param ticket the write's group-commit ticket
   */
  private record Written(AppendResult result, long ticket) {}

  /**
   * Writes one append under the write lock, after the staged lines (forcing it with
   * {@code FSYNC_EACH}).
   */
  private Written write(OptionalLong expectedCount, ByteBuffer data, int lineCount) {
    writeLock.lock();
    try {
      requireUsable();
      drainStaged();
      requireUsable();
      requireUnchanged(expectedCount.isPresent() ? Check.SIZE_AND_IDENTITY : Check.SIZE);
      if (expectedCount.isPresent() && expectedCount.getAsLong() != entryCount) {
        throw new CountConflictException(file, expectedCount.getAsLong(), entryCount);
      }
      writeOrRollBack(data);
      committedLength += data.limit();
      if (counting == Counting.ENTRIES) {
        entryCount += lineCount;
      }
      long ticket = ++lastTicket;
      writtenTicket = ticket;
      AppendResult result = new AppendResult(entryCount, committedLength);
      if (options.durability() == Durability.FSYNC_EACH) {
        forceOrFail();
      }
      return new Written(result, ticket);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Appends {@code lines} in call order with every other append and returns at once: the future
   * completes with {@code value} of the result once the lines are as durable as the options say,
   * or exceptionally with {@code translate} of the file-layer failure (then none of the lines is
   * acknowledged).
   *
   * <p>With {@link Durability#GROUP_COMMIT} the lines are staged and written together with the
   * other staged ones just before the committer's force, and the future completes on the
   * committer's flusher thread once that force covered them; a thread blocking on it hurries the
   * force ({@link DurableFuture}). Otherwise the append is done (or failed) when this returns.
   *
   * @param <T> the future's value
   */
  <T> CompletableFuture<T> appendAsync(List<byte[]> lines, Function<AppendResult, T> value,
      Function<SegmentFileException, ? extends RuntimeException> translate) {
    if (options.durability() != Durability.GROUP_COMMIT) {
      try {
        return CompletableFuture.completedFuture(value.apply(append(OptionalLong.empty(), lines)));
      } catch (SegmentFileException e) {
        return CompletableFuture.failedFuture(translate.apply(e));
      }
    }
    int size = LineBatch.size(lines);
    writeLock.lock();
    try {
      requireUsable();
      if (!staged.fits(size)) {
        drainStaged(); // the caller writes the full stage, which keeps it bounded
        requireUsable();
      }
      if (!staged.fits(size)) {
        return appendAsyncAlone(lines, value, translate);
      }
      int stagedBefore = staged.bytes();
      staged.add(lines, size);
      if (counting == Counting.ENTRIES) {
        entryCount += lines.size();
      }
      long ticket = ++lastTicket;
      DurableFuture<T> future = new DurableFuture<>(committer, ticket);
      Optional<SegmentFileException> refused = committer.enqueue(new GroupCommitter.Pending<>(
          ticket, future, value.apply(
              new AppendResult(entryCount, committedLength + staged.bytes())), translate));
      if (refused.isPresent()) {
        staged.truncate(stagedBefore, lines.size());
        if (counting == Counting.ENTRIES) {
          entryCount -= lines.size();
        }
        lastTicket--;
        return CompletableFuture.failedFuture(translate.apply(refused.get()));
      }
      return future;
    } catch (SegmentFileException e) {
      return CompletableFuture.failedFuture(translate.apply(e));
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * An asynchronous append larger than the stage: written now by the caller (the stage is
   * empty), forced by the committer. Write lock held.
   */
  private <T> CompletableFuture<T> appendAsyncAlone(List<byte[]> lines,
      Function<AppendResult, T> value,
      Function<SegmentFileException, ? extends RuntimeException> translate) {
    requireUnchanged(Check.SIZE);
    ByteBuffer data = LineBatch.encode(lines);
    writeOrRollBack(data);
    committedLength += data.limit();
    if (counting == Counting.ENTRIES) {
      entryCount += lines.size();
    }
    long ticket = ++lastTicket;
    writtenTicket = ticket;
    DurableFuture<T> future = new DurableFuture<>(committer, ticket);
    Optional<SegmentFileException> refused = committer.enqueue(new GroupCommitter.Pending<>(
        ticket, future, value.apply(new AppendResult(entryCount, committedLength)), translate));
    return refused.isPresent()
        ? CompletableFuture.failedFuture(translate.apply(refused.get())) : future;
  }

  /**
   * Writes the staged lines in one write, write lock held. If that fails (rolled back), the
   * staged appends fail through the committer and the entry count drops back; never throws.
   */
  private void drainStaged() {
    if (staged.isEmpty()) {
      return;
    }
    long before = writtenTicket;
    int lines = staged.lines();
    try {
      SegmentFileException broken = unusable.get();
      if (broken != null) {
        throw new WriterUnusableException(file, "an earlier failure left it unusable", broken);
      }
      requireUnchanged(Check.SIZE);
      ByteBuffer data = staged.toWrite();
      int bytes = data.remaining();
      writeOrRollBack(data);
      committedLength += bytes;
    } catch (SegmentFileException e) {
      if (counting == Counting.ENTRIES) {
        entryCount -= lines;
      }
      committer.fail(before, e);
    } finally {
      staged.clear();
      writtenTicket = lastTicket;
    }
  }

  /** The committer's {@link GroupCommitter.Drainer}. */
  private long drainForCommitter() {
    writeLock.lock();
    try {
      drainStaged();
      return writtenTicket;
    } finally {
      writeLock.unlock();
    }
  }

  private void writeOrRollBack(ByteBuffer data) {
    long position = committedLength;
    try {
      while (data.hasRemaining()) {
        position += channel.write(data, position);
      }
    } catch (IOException e) {
      try {
        channel.truncate(committedLength);
      } catch (IOException rollback) {
        e.addSuppressed(rollback);
        SegmentFileIoException failure =
            new SegmentFileIoException(file, SegmentFileIoException.Operation.ROLLBACK, e);
        unusable.compareAndSet(null, failure);
        throw failure;
      }
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.APPEND, e);
    }
  }

  private void forceOrFail() {
    try {
      forceChannel();
    } catch (IOException e) {
      throw new ForceFailedException(file, e);
    }
  }

  /** Forces the channel; a failure leaves the appender unusable before it is reported. */
  private void forceChannel() throws IOException {
    options.forces().increment();
    try {
      channel.force(false);
    } catch (IOException e) {
      unusable.compareAndSet(null, new ForceFailedException(file, e));
      throw e;
    }
  }

  private void requireUsable() {
    SegmentFileException broken = unusable.get();
    if (broken != null) {
      throw new WriterUnusableException(file, "an earlier failure left it unusable", broken);
    }
    if (closed) {
      throw new WriterUnusableException(file, "it was closed", null);
    }
  }

  private enum Check { SIZE, SIZE_AND_IDENTITY }

  private void requireUnchanged(Check check) {
    long size;
    try {
      size = channel.size();
    } catch (IOException e) {
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.READ, e);
    }
    if (size != committedLength) {
      throw new SegmentChangedException(file, SegmentChangedException.Change.SIZE,
          committedLength, size);
    }
    if (check == Check.SIZE_AND_IDENTITY && fileKey != null) {
      Object current;
      try {
        current = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      } catch (NoSuchFileException e) {
        throw new SegmentChangedException(file, SegmentChangedException.Change.DELETED,
            committedLength, -1);
      } catch (IOException e) {
        throw new SegmentFileIoException(file, SegmentFileIoException.Operation.READ, e);
      }
      if (!fileKey.equals(current)) {
        throw new SegmentChangedException(file, SegmentChangedException.Change.REPLACED,
            committedLength, size);
      }
    }
  }

  /**
   * Rewrites the file atomically to its first {@code keepEntries} entries (temp file, force,
   * atomic rename, directory force) and continues appending to the new file.
   */
  void truncateTo(long keepEntries) {
    if (keepEntries < 0) {
      throw new IllegalArgumentException("keepEntries must be >= 0, was " + keepEntries);
    }
    writeLock.lock();
    try {
      requireUsable();
      drainStaged();
      requireUsable();
      requireUnchanged(Check.SIZE_AND_IDENTITY);
      if (keepEntries > entryCount) {
        throw new LineCountOutOfRangeException(file, keepEntries, entryCount);
      }
      if (options.durability() == Durability.GROUP_COMMIT) {
        // No force of the old channel may still be running once it is closed below.
        try (GroupCommitter.Arrival arrival = committer.arrive()) {
          arrival.awaitDurable(writtenTicket);
        }
      }
      long cut = cutOffset(keepEntries);
      FileChannel old = channel;
      try {
        AtomicFileWrite.replace(file, target -> copy(old, cut, target), options.opener());
      } catch (IOException e) {
        throw new SegmentFileIoException(file, SegmentFileIoException.Operation.REWRITE, e);
      }
      try {
        channel = options.opener().open(file,
            EnumSet.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
        fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      } catch (IOException e) {
        SegmentFileIoException failure =
            new SegmentFileIoException(file, SegmentFileIoException.Operation.OPEN, e);
        unusable.compareAndSet(null, failure);
        throw failure;
      } finally {
        closeAfterFailure(old, null);
      }
      committedLength = cut;
      entryCount = keepEntries;
      committer.markDurable(writtenTicket);
    } finally {
      writeLock.unlock();
    }
  }

  private long cutOffset(long keepEntries) {
    if (keepEntries == 0) {
      return 0;
    }
    long seen = 0;
    try (SegmentLineReader reader = SegmentLineReader.open(file, LinePosition.START,
        SegmentLineReader.DEFAULT_BUFFER_SIZE, options.limits().maxLineBytes())) {
      while (reader.next()) {
        if (++seen == keepEntries) {
          return reader.position().byteOffset(); // after the line ending, CRLF or LF
        }
      }
    }
    throw new LineCountOutOfRangeException(file, keepEntries, seen);
  }

  private static void copy(FileChannel from, long length, FileChannel to) throws IOException {
    long done = 0;
    while (done < length) {
      long n = from.transferTo(done, length - done, to);
      if (n <= 0) {
        throw new IOException("copy stopped at byte " + done + " of " + length);
      }
      done += n;
    }
  }

  /**
   * Writes and forces the asynchronous appends in flight (completing their futures), then closes
   * the channel; later calls fail with {@link WriterUnusableException}. Idempotent.
   */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true; // no append is accepted from here on
    } finally {
      writeLock.unlock();
    }
    committer.close(); // asynchronous appends in flight are written and forced (or failed) first
    writeLock.lock();
    try {
      channel.close();
    } catch (IOException e) {
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.CLOSE, e);
    } finally {
      writeLock.unlock();
    }
  }

  private static void closeAfterFailure(FileChannel channel, @Nullable Exception primary) {
    try {
      channel.close();
    } catch (IOException e) {
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }

  /** {@return the file this appender writes} */
  Path file() {
    return file;
  }
}
