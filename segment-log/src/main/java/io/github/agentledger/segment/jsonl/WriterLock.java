package io.github.agentledger.segment.jsonl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The exclusive one-writer lock of a file: {@code <file>.lock}, locked with
 * {@link FileChannel#tryLock()} and claimed in the {@link ProcessLockRegistry} first, so a second
 * writer, in this JVM or another process, fails at once with {@link WriterLockedException} and
 * never blocks.
 *
 * <p>Lock files are created on first use and never deleted. Deleting one is racy: a process that
 * opened the old inode could still lock it while a newcomer locks a fresh file of the same name,
 * and both would believe they are the only writer. An empty lock file per segment is the price.
 * (Deleting a whole session directory is the one exception, and is only safe when no writer of
 * that session is open.)
 *
 * <p>Thread-safe; closing twice is harmless.
 */
final class WriterLock implements Closeable {
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean released;

  private WriterLock(Path lockFile, FileChannel channel, FileLock lock) {
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the writer lock of {@code file}, which must exist.
   *
   * @throws SegmentMissingException if {@code file} does not exist
   * @throws WriterLockedException if another writer holds it
   */
  static WriterLock acquire(Path file) {
    Path realFile;
    try {
      realFile = file.toRealPath();
    } catch (IOException e) {
      if (!Files.exists(file)) {
        throw new SegmentMissingException(file, e);
      }
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.LOCK, e);
    }
    return acquireReal(file, SegmentPaths.lockFile(realFile));
  }

  /** Takes a lock whose file name is already resolved (used before a file is created). */
  static WriterLock acquireForCreate(Path file) {
    Path realDir;
    try {
      realDir = Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file has a parent")
          .toRealPath();
    } catch (IOException e) {
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.LOCK, e);
    }
    return acquireReal(file, SegmentPaths.lockFile(realDir.resolve(file.getFileName())));
  }

  private static WriterLock acquireReal(Path file, Path lockFile) {
    if (!ProcessLockRegistry.claim(lockFile)) {
      throw new WriterLockedException(file, lockFile, WriterLockedException.Holder.THIS_PROCESS);
    }
    @Nullable FileChannel channel = null;
    try {
      // Never through a link: a lock file planted as a symbolic link must not create or lock a
      // file outside the store (the open fails, a typed I/O error).
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new WriterLockedException(file, lockFile,
            WriterLockedException.Holder.OTHER_PROCESS);
      }
      return new WriterLock(lockFile, channel, lock);
    } catch (IOException | OverlappingFileLockException | WriterLockedException e) {
      closeAfterFailure(channel, e);
      ProcessLockRegistry.release(lockFile);
      if (e instanceof WriterLockedException w) {
        throw w;
      }
      if (e instanceof OverlappingFileLockException) {
        throw new WriterLockedException(file, lockFile, WriterLockedException.Holder.THIS_PROCESS);
      }
      throw new SegmentFileIoException(
          file, SegmentFileIoException.Operation.LOCK, (IOException) e);
    }
  }

  private static void closeAfterFailure(@Nullable FileChannel channel, Exception primary) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  /** {@return the lock file} */
  Path lockFile() {
    return lockFile;
  }

  /** Releases the lock; the lock file stays. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try (channel) {
      lock.release();
    } catch (IOException e) {
      throw new SegmentFileIoException(lockFile, SegmentFileIoException.Operation.CLOSE, e);
    } finally {
      ProcessLockRegistry.release(lockFile);
    }
  }
}
