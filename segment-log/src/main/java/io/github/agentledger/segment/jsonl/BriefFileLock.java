package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock file held for the milliseconds of one small change (a session's metadata, a key's index
 * entry): first this JVM's claim ({@link ProcessLockRegistry}, since closing any channel of a
 * file drops the process's OS locks on it), then an exclusive OS file lock against other
 * processes. Unlike a segment's writer lock it waits, up to 30 seconds, since every holder lets
 * go at once. The lock file is created when missing and never deleted.
 */
final class BriefFileLock {
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** The change made while the lock is held. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws IOException;
  }

  private BriefFileLock() {}

  /**
   * Runs {@code work} holding {@code lockFile}.
   *
   * @param lockFile the lock file
   * @param what what the work does, for error messages ("writing session metadata")
   * @param where the file an error names
   * @return what the work returns
   * @throws io.github.agentledger.segment.SegmentIoException if the lock cannot be had in time,
   *     or the work fails with an {@link IOException}
   */
  static <T> T holding(Path lockFile, String what, Path where, Work<T> work) {
    Path claimed = lockFile.toAbsolutePath().normalize();
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!ProcessLockRegistry.claim(claimed)) {
      if (System.nanoTime() - deadline > 0) {
        throw StoreErrors.io(what + ": waiting for its lock", lockFile,
            new IOException("timed out"));
      }
      LockSupport.parkNanos(200_000);
    }
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        var lock = channel.lock()) {
      return work.run();
    } catch (IOException e) {
      throw StoreErrors.io(what, where, e);
    } finally {
      ProcessLockRegistry.release(claimed);
    }
  }
}
