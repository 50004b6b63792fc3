package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.ConcurrentCheckpointUpdateException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Moves a ref by compare-and-swap, retrying lost races from a fresh read of the tip.
 *
 * <p>Each attempt reads the tip, asks the {@link Change} for the new commit (built on that tip,
 * its objects flushed), and swaps the ref only if it still points at the tip that was read. A lost
 * race ({@link RefUpdate.Result#LOCK_FAILURE}) is retried after the pause the {@link RetryPolicy}
 * names; every other failure is reported at once. This class is the one place where JGit's
 * {@link RefUpdate.Result} is translated into checkpoint exceptions. Thread-safe.
 */
final class RefCas {
  /** Computes the new tip from the current one. */
  @FunctionalInterface
  interface Change {
    /**
     * Builds the commit that should replace {@code tip}.
     *
     * @param tip the current tip, or empty when the ref does not exist
     * @return the new commit (its objects already flushed), or empty to leave the ref alone
     */
    Optional<ObjectId> apply(Optional<RevCommit> tip) throws IOException;
  }

  /** Test hook run between reading the tip and the compare-and-swap. */
  @FunctionalInterface
  interface Hook {
    Hook NONE = (ref, expected) -> { };

    void beforeCompareAndSwap(String ref, Optional<ObjectId> expectedOld);
  }

  private final Repository repository;
  private final RetryPolicy retryPolicy;
  private final JGitCheckpointStore.Sleeper sleeper;
  private final Hook hook;

  RefCas(Repository repository, RetryPolicy retryPolicy, JGitCheckpointStore.Sleeper sleeper,
      Hook hook) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.hook = Objects.requireNonNull(hook, "hook");
  }

  /**
   * Applies a change to a ref.
   *
   * @param refName the ref, from {@link RefNames}
   * @param change builds the new tip from the current one
   * @return the tip after the call (unchanged when the change declined)
   */
  Optional<ObjectId> update(String refName, Change change) {
    for (int attempt = 1; ; attempt++) {
      Optional<ObjectId> expected;
      Optional<ObjectId> next;
      try {
        expected = currentId(refName);
        Optional<RevCommit> tip = Optional.empty();
        if (expected.isPresent()) {
          try (RevWalk walk = new RevWalk(repository)) {
            tip = Optional.of(walk.parseCommit(expected.get()));
          }
        }
        next = change.apply(tip);
      } catch (IOException e) {
        throw new CheckpointStorageException("ref " + refName + ": cannot build the next commit: "
            + e.getMessage(), e);
      }
      if (next.isEmpty()) {
        return expected;
      }
      hook.beforeCompareAndSwap(refName, expected);
      if (compareAndSwap(refName, expected, next.get())) {
        return next;
      }
      Optional<Duration> pause = retryPolicy.delayAfter(attempt);
      if (pause.isEmpty()) {
        throw new ConcurrentCheckpointUpdateException(refName, attempt);
      }
      pauseFor(pause.get(), refName);
    }
  }

  /** {@return the id the ref points at, empty when it does not exist} */
  Optional<ObjectId> currentId(String refName) throws IOException {
    Ref ref = repository.exactRef(refName);
    return ref == null || ref.getObjectId() == null
        ? Optional.empty() : Optional.of(ref.getObjectId().copy());
  }

  /**
   * One compare-and-swap.
   *
   * @return true when the ref moved, false when another writer moved it first
   * @throws CheckpointException for every other outcome
   */
  boolean compareAndSwap(String refName, Optional<ObjectId> expected, ObjectId next) {
    RefUpdate.Result result;
    try {
      RefUpdate update = repository.updateRef(refName);
      update.setExpectedOldObjectId(expected.orElse(ObjectId.zeroId()));
      update.setNewObjectId(next);
      update.setForceUpdate(true);
      update.setRefLogMessage("agentledger: checkpoint store", false);
      result = update.update();
    } catch (IOException e) {
      throw new CheckpointStorageException("ref " + refName + ": update from "
          + expected.map(ObjectId::name).orElse("(none)") + " to " + next.name() + " failed: "
          + e.getMessage(), e);
    }
    switch (result) {
      case NEW:
      case FAST_FORWARD:
      case FORCED:
      case NO_CHANGE:
        return true;
      case LOCK_FAILURE:
        return false;
      default:
        throw new CheckpointStorageException("ref " + refName + ": update from "
            + expected.map(ObjectId::name).orElse("(none)") + " to " + next.name()
            + " was refused: " + result, null);
    }
  }

  private void pauseFor(Duration pause, String refName) {
    if (pause.isZero()) {
      return;
    }
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CheckpointStorageException("ref " + refName
          + ": interrupted while waiting to retry a lost compare-and-swap", e);
    }
  }
}
