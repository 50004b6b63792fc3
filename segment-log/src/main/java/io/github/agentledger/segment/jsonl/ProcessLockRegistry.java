package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock files this JVM holds, by real path.
 *
 * <p>This is deliberately process-wide static state (the style guide's rule against it does not
 * fit here): an OS file lock belongs to the process, and on POSIX systems closing ANY channel of
 * a file drops every lock the process holds on it. A second writer in the same JVM must therefore
 * be refused before it opens the lock file at all, whichever store instance it comes from; a
 * per-store registry would let two stores silently release each other's lock.
 */
final class ProcessLockRegistry {
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private ProcessLockRegistry() {}

  /** {@return true if this call claimed {@code realLockFile}, false if it is already held} */
  static boolean claim(Path realLockFile) {
    return HELD.add(realLockFile);
  }

  /** Gives {@code realLockFile} back; only its claimant calls this. */
  static void release(Path realLockFile) {
    HELD.remove(realLockFile);
  }
}
