package io.github.agentledger.checkpoint.jgit.internal;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.ConcurrentCheckpointUpdateException;
import io.github.agentledger.checkpoint.RefLockedException;
import io.github.agentledger.checkpoint.jgit.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
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
 * its objects flushed) and the value to report, and swaps the ref only if it still points at the
 * tip that was read; {@link #update} returns the value of the attempt that took effect. A lost
 * race ({@link RefUpdate.Result#LOCK_FAILURE}) is retried after the pause the {@link RetryPolicy}
 * names; every other failure is reported at once. Changes to several refs go through
 * {@link #swapAll}: one atomic {@link BatchRefUpdate} where the ref database performs atomic
 * transactions, else one compare-and-swap after the other. This class is the one place where
 * JGit's {@link RefUpdate.Result} and {@link ReceiveCommand.Result} are translated into
 * checkpoint exceptions. Thread-safe.
 *
 * <p>An attempt that loses because a git lock file stands on the ref (or on {@code packed-refs}
 * for an atomic batch) is not counted as a lost race: the lock is broken when {@link RefLocks}
 * proves it stale, else the update polls until the lock goes. The whole update, races and locks
 * together, waits at most {@code maxWait}; then it throws {@link RefLockedException} naming the
 * lock file and its age, or {@link ConcurrentCheckpointUpdateException} when writers kept winning.
 *
 * <p>Internal, may change without notice.
 */
public final class RefCas {
  /**
   * One attempt of a change: builds the next commit from the tip it is given.
   *
   * @param <T> what the attempt reports to the caller
   */
  @FunctionalInterface
  public interface Change<T> {
    /**
     * Builds the commit that should replace {@code tip}.
     *
     * @param tip the current tip, or empty when the ref does not exist
     * @return the new commit (its objects already flushed) with the attempt's value, or only
     *     the value to leave the ref alone
     * @throws IOException when the object database fails
     */
    Attempt<T> apply(Optional<RevCommit> tip) throws IOException;
  }

  /**
   * What one attempt decided, and the value {@link #update} returns when it is the last one.
   *
   * @param <T> the type of the value
   * @param next the commit the ref should move to, empty to leave the ref alone
   * @param value what the attempt reports to the caller
   */
  public record Attempt<T>(Optional<ObjectId> next, T value) {
    /**
     * Checks and copies the parts.
     *
     * @param next the commit the ref should move to, empty to leave the ref alone
     * @param value what the attempt reports to the caller
     */
    public Attempt {
      next = next.map(ObjectId::copy);
      Objects.requireNonNull(value, "value");
    }

    /**
     * An attempt that moves the ref.
     *
     * @param <T> the type of the value
     * @param next the new tip, its objects flushed
     * @param value what the attempt reports
     * @return the attempt
     */
    public static <T> Attempt<T> commit(ObjectId next, T value) {
      return new Attempt<>(Optional.of(next), value);
    }

    /**
     * An attempt that leaves the ref where it is.
     *
     * @param <T> the type of the value
     * @param value what the attempt reports
     * @return the attempt
     */
    public static <T> Attempt<T> leave(T value) {
      return new Attempt<>(Optional.empty(), value);
    }
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

  /**
   * One attempt of a change to several refs: plans the swaps from a fresh read of the refs.
   *
   * @param <T> what the attempt reports to the caller
   */
  @FunctionalInterface
  public interface MultiChange<T> {
    /**
     * Plans this attempt's swaps.
     *
     * @return the swaps, in the order they must take effect, with the value to report; no swaps
     *     to leave every ref alone
     */
    Moves<T> plan();
  }

  /**
   * The swaps one attempt of a change to several refs plans, and what it reports.
   *
   * @param <T> the type of the value
   * @param swaps the swaps, in order; empty to leave every ref alone
   * @param value what the attempt reports to the caller
   */
  public record Moves<T>(List<Swap> swaps, T value) {
    /**
     * Checks and copies the parts.
     *
     * @param swaps the swaps, in order; empty to leave every ref alone
     * @param value what the attempt reports to the caller
     */
    public Moves {
      swaps = List.copyOf(swaps);
      Objects.requireNonNull(value, "value");
    }
  }

  /** The default age from which a lock over unmoved refs is stale. */
  public static final Duration DEFAULT_STALE_LOCK_AGE = Duration.ofSeconds(10);
  /** The default bound on the time one update spends waiting, for races and locks together. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(20);
  /** How often a write looks again at a lock that is not (yet) stale. */
  private static final Duration LOCK_POLL = Duration.ofMillis(50);

  private final Repository repository;
  private final RetryPolicy retryPolicy;
  private final RetryPolicy.Sleeper sleeper;
  private final Hook hook;
  private final RefLocks locks;
  private final Duration maxWait;
  private final Clock wallClock;
  private final Fsync fsync;

  /**
   * A compare-and-swap with the default stale-lock age and waiting bound.
   *
   * @param repository the repository whose refs move
   * @param retryPolicy how lost races are retried
   * @param sleeper pauses between attempts
   * @param hook runs between reading and swapping (tests)
   */
  public RefCas(Repository repository, RetryPolicy retryPolicy, RetryPolicy.Sleeper sleeper,
      Hook hook) {
    this(repository, retryPolicy, sleeper, hook, DEFAULT_STALE_LOCK_AGE, DEFAULT_MAX_WAIT,
        Clock.systemUTC(), Fsync.none());
  }

  /**
   * A compare-and-swap that breaks stale locks as {@link RefLocks} says and bounds its waiting.
   *
   * @param repository the repository whose refs move
   * @param retryPolicy how lost races are retried
   * @param sleeper pauses between attempts
   * @param hook runs between reading and swapping (tests)
   * @param staleLockAge the age from which a lock over unmoved refs is broken
   * @param maxWait the bound on the time one update spends, waiting for races and locks
   * @param wallClock measures lock ages and the time waited
   * @param fsync forces each moved ref to stable storage when the store asks for it
   */
  public RefCas(Repository repository, RetryPolicy retryPolicy, RetryPolicy.Sleeper sleeper,
      Hook hook, Duration staleLockAge, Duration maxWait, Clock wallClock, Fsync fsync) {
    this.fsync = Objects.requireNonNull(fsync, "fsync");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.hook = Objects.requireNonNull(hook, "hook");
    this.locks = new RefLocks(repository, staleLockAge, wallClock);
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
  }

  /**
   * A lock file that blocked an attempt.
   *
   * @param ref the ref the attempt was about
   * @param lock the lock file
   * @param broken whether this attempt broke it as stale
   */
  private record Blocked(String ref, RefLocks.Lock lock, boolean broken) { }

  /**
   * The outcome of one attempt.
   *
   * @param value the value when the attempt took effect
   * @param blockedBy the lock file that made it lose, when there was one
   */
  private record Try<T>(Optional<T> value, Optional<Blocked> blockedBy) {
    static <T> Try<T> done(T value) {
      return new Try<>(Optional.of(value), Optional.empty());
    }

    static <T> Try<T> lost(Optional<Blocked> blockedBy) {
      return new Try<>(Optional.empty(), blockedBy);
    }
  }

  /**
   * Applies a change to a ref: reads the tip, runs one attempt of the change on it and, when the
   * attempt built a commit, swaps the ref from that tip to it; a lost race runs a new attempt on
   * a fresh read of the tip, as the retry policy allows.
   *
   * @param <T> what the change reports
   * @param refName the ref, from {@link RefNames}
   * @param change builds the new tip from the current one
   * @return the value of the attempt that took effect: the one whose swap succeeded, or the one
   *     that left the ref alone
   * @throws ConcurrentCheckpointUpdateException when every attempt the policy allows lost
   * @throws CheckpointException when the change or the ref update fails otherwise
   */
  public <T> T update(String refName, Change<T> change) {
    return retrying(refName, () -> {
      Optional<ObjectId> expected;
      Attempt<T> outcome;
      try {
        expected = currentId(refName);
        Optional<RevCommit> tip = Optional.empty();
        if (expected.isPresent()) {
          try (RevWalk walk = new RevWalk(repository)) {
            tip = Optional.of(walk.parseCommit(expected.get()));
          }
        }
        outcome = change.apply(tip);
      } catch (IOException e) {
        throw new CheckpointStorageException("ref " + refName + ": cannot build the next commit: "
            + e.getMessage(), e);
      }
      if (outcome.next().isEmpty()) {
        return Try.done(outcome.value());
      }
      hook.beforeCompareAndSwap(refName, expected);
      return compareAndSwap(refName, expected, outcome.next().get())
          ? Try.done(outcome.value())
          : Try.lost(blocking(List.of(new Swap(refName, expected, outcome.next().get())),
              false));
    });
  }

  /**
   * Applies a change to several refs: each attempt plans the swaps from a fresh read of the refs
   * and makes them through {@link #swapAll}; an attempt that did not make all of them is run
   * again, as the retry policy allows.
   *
   * @param <T> what the change reports
   * @param what names the change in errors
   * @param change plans the swaps of one attempt
   * @return the value of the attempt whose swaps all took effect, or that planned none
   * @throws ConcurrentCheckpointUpdateException when every attempt the policy allows lost
   * @throws CheckpointException when a swap fails otherwise
   */
  public <T> T updateAll(String what, MultiChange<T> change) {
    return retrying(what, () -> {
      Moves<T> moves = change.plan();
      if (moves.swaps().isEmpty()) {
        return Try.done(moves.value());
      }
      Swapped swapped = swapping(moves.swaps());
      return swapped.count() == moves.swaps().size()
          ? Try.done(moves.value()) : Try.lost(swapped.blockedBy());
    });
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
        forceRef(refName);
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
   * transactions, all move or none does (a single swap is a plain compare-and-swap); otherwise
   * they move in list order and the first lost race stops the sequence, leaving the earlier
   * moves in place (callers order the swaps so that such a prefix is a safe state).
   *
   * @return how many swaps, from the start of the list, took effect: all of them, or fewer when
   *     another writer moved a ref first (0 for an atomic batch that lost)
   * @throws CheckpointException for every failure other than a lost race
   */
  public int swapAll(List<Swap> swaps) {
    return swapping(swaps).count();
  }

  /**
   * What {@link #swapping} did.
   *
   * @param count how many swaps took effect, from the start of the list
   * @param blockedBy the lock file that stopped the rest, when there was one
   */
  private record Swapped(int count, Optional<Blocked> blockedBy) { }

  private Swapped swapping(List<Swap> swaps) {
    try {
      // One ref needs no transaction: a compare-and-swap of its own keeps it off packed-refs.
      if (swaps.size() > 1 && repository.getRefDatabase().performsAtomicTransactions()) {
        // An atomic batch on disk locks packed-refs, and JGit waits seconds for a held one: look
        // first, so that a held lock costs this store one poll instead.
        Optional<RefLocks.Lock> packed = locks.packedRefsLock();
        if (packed.isPresent()) {
          Blocked blocked = judge("packed-refs", packed.get(), swaps);
          if (!blocked.broken()) {
            return new Swapped(0, Optional.of(blocked));
          }
        }
        swaps.forEach(s -> hook.beforeCompareAndSwap(s.ref(), s.expected()));
        return atomically(swaps) ? new Swapped(swaps.size(), Optional.empty())
            : new Swapped(0, blocking(swaps, true));
      }
    } catch (IOException e) {
      throw new CheckpointStorageException("refs " + describe(swaps) + ": atomic update failed: "
          + e.getMessage(), e);
    }
    for (int i = 0; i < swaps.size(); i++) {
      Swap swap = swaps.get(i);
      hook.beforeCompareAndSwap(swap.ref(), swap.expected());
      if (!compareAndSwap(swap.ref(), swap.expected(), swap.next())) {
        return new Swapped(i, blocking(List.of(swap), false));
      }
    }
    return new Swapped(swaps.size(), Optional.empty());
  }

  /**
   * After a lost swap: finds a lock file that blocks one of the refs (or packed-refs) and breaks
   * it when it is stale.
   */
  private Optional<Blocked> blocking(List<Swap> swaps, boolean packedRefs) {
    for (Swap swap : swaps) {
      Optional<RefLocks.Lock> lock = locks.refLock(swap.ref());
      if (lock.isPresent()) {
        return Optional.of(judge(swap.ref(), lock.get(), swaps));
      }
    }
    if (packedRefs) {
      return locks.packedRefsLock().map(lock -> judge("packed-refs", lock, swaps));
    }
    return Optional.empty();
  }

  /**
   * Breaks a lock when it is stale: older than the stale age while every ref still holds the
   * value the attempt read.
   */
  private Blocked judge(String ref, RefLocks.Lock lock, List<Swap> swaps) {
    if (!locks.oldEnough(lock)) {
      return new Blocked(ref, lock, false);
    }
    try {
      for (Swap swap : swaps) {
        if (!currentId(swap.ref()).equals(swap.expected())) {
          return new Blocked(ref, lock, false);
        }
      }
      return new Blocked(ref, lock, locks.breakLock(lock));
    } catch (IOException e) {
      throw new CheckpointStorageException("ref " + ref + ": cannot break the stale lock "
          + lock.file() + " (" + lock.age().toMillis() + " ms old): " + e.getMessage(), e);
    }
  }

  /**
   * The one retry loop: runs attempts until one reports a value, pausing between them as the
   * retry policy says.
   *
   * @param what names the change in errors
   * @param attempt one attempt; empty when it lost a race
   */
  private <T> T retrying(String what, Supplier<Try<T>> attempt) {
    long start = wallClock.millis();
    int failed = 0;
    int lockWaits = 0;
    while (true) {
      Try<T> done = attempt.get();
      if (done.value().isPresent()) {
        return done.value().get();
      }
      Duration waited = Duration.ofMillis(Math.max(0, wallClock.millis() - start));
      Duration left = maxWait.minus(waited);
      if (done.blockedBy().isPresent()) {
        // A lock file, not another writer's finished move: wait for it (it is not an attempt
        // lost to a race) until it goes, turns stale, or the time is up.
        Blocked blocked = done.blockedBy().get();
        if (!left.isNegative() && !left.isZero() && blocked.broken()) {
          continue;
        }
        if (left.isNegative() || left.isZero()) {
          throw new RefLockedException(blocked.ref(), blocked.lock().file().toString(),
              blocked.lock().age(), locks.staleAfter(), waited);
        }
        // Most locks are a live writer's, held for milliseconds: pace as for a lost race while
        // the policy allows, then poll until the lock goes or turns stale.
        lockWaits++;
        Optional<Duration> paced = retryPolicy.delayAfter(lockWaits);
        Duration untilStale = locks.staleAfter().minus(blocked.lock().age());
        Duration pause = paced.orElse(min(LOCK_POLL,
            untilStale.isNegative() || untilStale.isZero() ? LOCK_POLL : untilStale));
        pauseFor(min(pause, left), what);
        continue;
      }
      failed++;
      Optional<Duration> pause = retryPolicy.delayAfter(failed);
      if (pause.isEmpty() || left.isNegative() || left.isZero()) {
        throw new ConcurrentCheckpointUpdateException(what, failed);
      }
      pauseFor(min(pause.get(), left), what);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
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
      fsync.packedRefs(repository);
      for (Swap swap : swaps) {
        fsync.ref(repository, swap.ref());
      }
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

  private void forceRef(String refName) {
    try {
      fsync.ref(repository, refName);
    } catch (IOException e) {
      throw new CheckpointStorageException("ref " + refName + " moved but could not be forced to"
          + " stable storage: " + e.getMessage(), e);
    }
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
