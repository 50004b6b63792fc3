package io.github.agentledger.checkpoint.jgit.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Repository;

/**
 * Finds the git lock files that block a ref update and breaks those proven stale.
 *
 * <p>The rule (docs/checkpoint-format.md, "Stale ref locks"): a lock file belongs to some writer
 * until it is proven stale. It is stale when it is older than the configured age <em>and</em>
 * every ref the update is about still holds the value the update read (so no writer has moved
 * them while the lock stood). A stale lock is broken by renaming it, atomically, out of the ref
 * directory to a private name and deleting it there; when the file renamed turns out not to be
 * the one judged stale (another writer took a fresh lock in between), it is linked back, so a
 * live writer never loses its lock. Even the worst interleaving only makes that writer's commit
 * fail as a lost race, which it retries: nothing written is lost.
 *
 * <p>Only repositories on disk have lock files; for others every look-up is empty. Thread-safe.
 *
 * <p>Internal, may change without notice.
 */
public final class RefLocks {
  /**
   * A lock file seen in place.
   *
   * @param file the lock file
   * @param age how old it was when seen (its modification time against the wall clock)
   * @param key identifies the file (inode where the platform has one) with its modification time
   */
  public record Lock(Path file, Duration age, String key) {
    /**
     * Checks the parts.
     *
     * @param file the lock file
     * @param age how old it was when seen
     * @param key identifies the file with its modification time
     */
    public Lock {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(age, "age");
      Objects.requireNonNull(key, "key");
    }
  }

  private final AtomicLong brokenNames = new AtomicLong();
  private final Optional<Path> commonDirectory;
  private final Duration staleAfter;
  private final Clock wallClock;

  /**
   * Creates the inspector of one repository's locks.
   *
   * @param repository the repository; only one on disk has lock files
   * @param staleAfter the age from which a lock over unmoved refs is stale
   * @param wallClock the clock lock files' modification times are compared with
   */
  public RefLocks(Repository repository, Duration staleAfter, Clock wallClock) {
    Objects.requireNonNull(repository, "repository");
    this.commonDirectory = Optional.ofNullable(repository.getCommonDirectory()).map(File::toPath);
    this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
  }

  /** {@return the age from which a lock over unmoved refs is stale} */
  public Duration staleAfter() {
    return staleAfter;
  }

  /** {@return the lock file of a loose ref, when it exists} */
  public Optional<Lock> refLock(String refName) {
    return commonDirectory.flatMap(dir -> inspect(dir.resolve(refName + ".lock")));
  }

  /** {@return the lock file of {@code packed-refs}, when it exists} */
  public Optional<Lock> packedRefsLock() {
    return commonDirectory.flatMap(dir -> inspect(dir.resolve("packed-refs.lock")));
  }

  /** {@return whether the lock is old enough to be broken (the caller checks the refs)} */
  public boolean oldEnough(Lock lock) {
    return lock.age().compareTo(staleAfter) >= 0;
  }

  /**
   * Breaks a lock judged stale, if it is still the same file.
   *
   * @param lock the lock as it was judged
   * @return true when this call removed that lock file
   * @throws IOException when the file system fails
   */
  public boolean breakLock(Lock lock) throws IOException {
    Path dir = commonDirectory.orElseThrow();
    Path aside = dir.resolve("agentledger-stale-lock-" + ProcessHandle.current().pid() + "-"
        + brokenNames.incrementAndGet());
    try {
      Files.move(lock.file(), aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException gone) {
      return false;
    }
    Optional<Lock> moved = inspect(aside);
    if (moved.isPresent() && !moved.get().key().equals(lock.key())) {
      // Not the file judged stale: a writer took a fresh lock in between. Give it back without
      // replacing anything; if that fails the writer's commit fails as a lost race and retries.
      try {
        Files.createLink(lock.file(), aside);
      } catch (IOException taken) {
        // another lock holder is in place: the writer whose lock this was will retry
      }
      Files.deleteIfExists(aside);
      return false;
    }
    Files.deleteIfExists(aside);
    return true;
  }

  private Optional<Lock> inspect(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      Instant modified = attributes.lastModifiedTime().toInstant();
      Duration age = Duration.between(modified, wallClock.instant());
      String key = attributes.fileKey() + "@" + modified;
      return Optional.of(new Lock(file, age.isNegative() ? Duration.ZERO : age, key));
    } catch (IOException e) {
      // gone (or unreadable): nothing this store could break
      return Optional.empty();
    }
  }
}
