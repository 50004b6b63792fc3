package io.github.agentledger.checkpoint;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown when a ref could not be moved because a git lock file was held for longer than the write
 * may wait, and the store would not break it: the lock was younger than the store's stale-lock
 * age, or the ref had moved since it was read (so the lock may belong to a live writer). Nothing
 * was written. The caller may try again later; a lock left by a killed process becomes breakable
 * once it is older than the stale-lock age.
 */
public final class RefLockedException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The lock file, as a path text, kept for callers and logs. */
  private final String lockFile;
  /** How old the lock file was when the store gave up. */
  private final Duration lockAge;

  /**
   * Creates the exception.
   *
   * @param ref the ref that could not be moved
   * @param lockFile the lock file that blocked it
   * @param lockAge how old the lock file was when the store gave up
   * @param staleAfter the age from which the store breaks such a lock
   * @param waited how long the write waited in all
   */
  public RefLockedException(String ref, String lockFile, Duration lockAge, Duration staleAfter,
      Duration waited) {
    super("ref " + ref + " is locked by " + lockFile + " (" + lockAge.toMillis()
        + " ms old; locks are broken only when older than " + staleAfter.toMillis()
        + " ms and the ref has not moved); gave up after waiting " + waited.toMillis() + " ms",
        null);
    this.lockFile = Objects.requireNonNull(lockFile, "lockFile");
    this.lockAge = Objects.requireNonNull(lockAge, "lockAge");
  }

  /** {@return the lock file that blocked the write} */
  public String lockFile() {
    return lockFile;
  }

  /** {@return how old the lock file was when the store gave up} */
  public Duration lockAge() {
    return lockAge;
  }
}
