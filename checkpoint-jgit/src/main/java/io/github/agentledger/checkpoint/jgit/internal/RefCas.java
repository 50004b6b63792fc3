package io.github.agentledger.checkpoint.jgit.internal;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.ConcurrentCheckpointUpdateException;
import io.github.agentledger.checkpoint.jgit.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * Moves a ref by compare-and-swap, retrying lost races from a fresh read of the tip.
 *
 * <p>Each attempt reads the tip, asks the {@link Change} for the new commit (built on that tip,
 * its objects flushed), and swaps the ref only if it still points at the tip that was read. A lost
 * race ({@link RefUpdate.Result#LOCK_FAILURE}) is retried after the pause the {@link RetryPolicy}
 * names; every other failure is reported at once. Changes to several refs go through
 * {@link #swapAll}: one atomic {@link BatchRefUpdate} where the ref database performs atomic
 * transactions, else one compare-and-swap after the other. This class is the one place where
 * JGit's {@link RefUpdate.Result} and {@link ReceiveCommand.Result} are translated into
 * checkpoint exceptions. Thread-safe.
 *
 * <p>Internal, may change without notice.
 */
public final class RefCas {
  /** Computes the new tip from the current one. */
  @FunctionalInterface
  public interface Change {
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
  public interface Hook {
    Hook NONE = (ref, expected) -> { };

    void beforeCompareAndSwap(String ref, Optional<ObjectId> expectedOld);
  }

  /**
   * One ref move of a change to several refs.
   *
   * @param ref the ref, from {@link RefNames}
   * @param expected the id the ref must point at, empty when it must not exist
   * @param next the id it moves to
   */
  public record Swap(String ref, Optional<ObjectId> expected, ObjectId next) {
    public Swap {
      Objects.requireNonNull(ref, "ref");
      expected = expected.map(ObjectId::copy);
      next = next.copy();
    }
  }

  private final Repository repository;
  private final RetryPolicy retryPolicy;
  private final RetryPolicy.Sleeper sleeper;
  private final Hook hook;

  public RefCas(Repository repository, RetryPolicy retryPolicy, RetryPolicy.Sleeper sleeper,
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
  public Optional<ObjectId> update(String refName, Change change) {
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
  public Optional<ObjectId> currentId(String refName) throws IOException {
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
  public boolean compareAndSwap(String refName, Optional<ObjectId> expected, ObjectId next) {
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

  /**
   * Moves several refs, each by compare-and-swap. Where the ref database performs atomic
   * transactions, all move or none does; otherwise they move in list order and the first lost
   * race stops the sequence, leaving the earlier moves in place (callers order the swaps so that
   * such a prefix is a safe state).
   *
   * @return how many swaps, from the start of the list, took effect: all of them, or fewer when
   *     another writer moved a ref first (0 for an atomic batch that lost)
   * @throws CheckpointException for every failure other than a lost race
   */
  public int swapAll(List<Swap> swaps) {
    try {
      if (repository.getRefDatabase().performsAtomicTransactions()) {
        swaps.forEach(s -> hook.beforeCompareAndSwap(s.ref(), s.expected()));
        return atomically(swaps) ? swaps.size() : 0;
      }
    } catch (IOException e) {
      throw new CheckpointStorageException("refs " + describe(swaps) + ": atomic update failed: "
          + e.getMessage(), e);
    }
    for (int i = 0; i < swaps.size(); i++) {
      Swap swap = swaps.get(i);
      hook.beforeCompareAndSwap(swap.ref(), swap.expected());
      if (!compareAndSwap(swap.ref(), swap.expected(), swap.next())) {
        return i;
      }
    }
    return swaps.size();
  }

  /**
   * Pauses before retrying a lost multi-ref change, as the retry policy says.
   *
   * @param what names the change, for the error
   * @param failedAttempts how many attempts have failed so far
   * @throws ConcurrentCheckpointUpdateException when the policy gives up
   */
  public void pauseBeforeRetry(String what, int failedAttempts) {
    Optional<Duration> pause = retryPolicy.delayAfter(failedAttempts);
    if (pause.isEmpty()) {
      throw new ConcurrentCheckpointUpdateException(what, failedAttempts);
    }
    pauseFor(pause.get(), what);
  }

  private boolean atomically(List<Swap> swaps) throws IOException {
    BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate();
    batch.setAtomic(true);
    batch.setAllowNonFastForwards(true);
    batch.setRefLogMessage("agentledger: checkpoint store", false);
    List<ReceiveCommand> commands = new ArrayList<>();
    for (Swap swap : swaps) {
      ReceiveCommand command = new ReceiveCommand(swap.expected().orElse(ObjectId.zeroId()),
          swap.next(), swap.ref());
      commands.add(command);
      batch.addCommand(command);
    }
    try (RevWalk walk = new RevWalk(repository)) {
      batch.execute(walk, NullProgressMonitor.INSTANCE);
    }
    if (commands.stream().allMatch(c -> c.getResult() == ReceiveCommand.Result.OK)) {
      return true;
    }
    if (commands.stream().anyMatch(c -> c.getResult() == ReceiveCommand.Result.LOCK_FAILURE)) {
      return false;
    }
    StringBuilder results = new StringBuilder();
    for (ReceiveCommand command : commands) {
      results.append(' ').append(command.getRefName()).append('=').append(command.getResult());
      if (command.getMessage() != null) {
        results.append(" (").append(command.getMessage()).append(')');
      }
    }
    throw new CheckpointStorageException("refs " + describe(swaps)
        + ": atomic update was refused:" + results, null);
  }

  private static String describe(List<Swap> swaps) {
    StringBuilder out = new StringBuilder();
    for (Swap swap : swaps) {
      out.append(out.length() == 0 ? "" : ", ").append(swap.ref()).append(' ')
          .append(swap.expected().map(ObjectId::name).orElse("(none)")).append(" -> ")
          .append(swap.next().name());
    }
    return out.toString();
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
