// Past 400 lines on purpose: the synchronous leader/follower protocol and the asynchronous
// flusher share one lock, one durable ticket and one force at a time; split into two classes they
// would each need the other's state under the other's lock.
package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Shares one force among concurrent appends: synchronous ones by leader/follower (no committer
 * thread), asynchronous ones through a flusher thread that writes their staged lines in one write
 * and forces them together.
 *
 * <p>Every append gets a ticket (a sequence number) in call order. A synchronous append writes,
 * then waits until a force that started after its write has completed. The first waiter with no
 * force in progress becomes the leader: it waits (releasing the lock) while fewer than
 * {@code maxBatch} written appends are unforced AND some appender has arrived but not yet written
 * AND {@code maxDelay} has not passed; then it reads the newest written ticket, forces, and marks
 * everything up to that ticket durable. A single appender therefore never waits for the delay,
 * and appends written while a force runs share the next one. Only the leader waits on
 * {@code batchChanged}; followers wait on {@code forceEnded}, signalled once per force.
 *
 * <p><b>Asynchronous appends</b> do not write: the appender stages their lines in memory
 * ({@link StagedLines}) and {@linkplain #enqueue queues} their futures here, in ticket order. A
 * flusher thread (started on the first one, stopped by {@link #close()}) closes a batch when
 * {@code maxBatch} appends are queued, when a thread blocks on the future of a queued append
 * ({@link DurableFuture}), when no append came for a quiet eighth of {@code maxDelay}, or when
 * {@code maxDelay} has passed; it then has the appender write everything staged in one write
 * ({@link Drainer}), forces (as the leader, or by joining the force running), and completes every
 * future the force covers, in ticket order, on its own thread. Appenders wake the flusher only
 * when it is idle or when a batch must close, never once per append: on two cores a wake-up per
 * append cost more than the write it announced.
 *
 * <p>A failed force is sticky: every append waiting, and every later one, fails with
 * {@link ForceFailedException}; none covered by the failed force is acknowledged. A failed write
 * of staged lines fails exactly the appends staged ({@link #fail}).
 *
 * <p>Thread-safe. Lock order: the appender's write lock before this committer's lock; the flusher
 * and the leader hold neither while they write or force.
 */
final class GroupCommitter {
  /** Forces the file; the writer's channel. */
  @FunctionalInterface
  interface Forcer {
    void force() throws IOException;
  }

  /** Writes the lines asynchronous appends staged; the appender's. */
  @FunctionalInterface
  interface Drainer {
    /**
     * Writes every staged line (a failure is reported through {@link #fail}, never thrown).
     *
     * @return the newest ticket whose append is written (or was failed)
     */
    long drain();
  }

  /**
   * An asynchronous append waiting for its force.
   *
   * @param <T> the future's value
   * @param ticket the append's ticket
   * @param future completed once a force covers the ticket
   * @param value what the future completes with
   * @param translate turns a file-layer failure into what the future fails with
   */
  record Pending<T>(long ticket, DurableFuture<T> future, T value,
      Function<SegmentFileException, ? extends RuntimeException> translate) {
    void succeed() {
      future.complete(value);
    }

    void fail(SegmentFileException cause) {
      future.completeExceptionally(translate.apply(cause));
    }
  }

  /** A queued append whose staged lines could not be written. */
  private record Failed(Pending<?> pending, SegmentFileException cause) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition batchChanged = lock.newCondition();
  private final Condition forceEnded = lock.newCondition();
  private final Condition flusherWake = lock.newCondition();
  private final Forcer forcer;
  private final LongSupplier writtenTicket;
  private final Drainer drainer;
  private final int maxBatch;
  private final long maxDelayNanos;
  private final Path file;

  private final ArrayDeque<Pending<?>> pending = new ArrayDeque<>();
  private final List<Failed> failed = new ArrayList<>();

  private long durableTicket;
  private boolean leading;
  private int arrived;
  private @Nullable IOException failure;
  private @Nullable Thread flusher;
  private boolean flusherWaiting;
  private int queuedSinceDrain;
  private long drainedTicket;
  private long hurryTicket;
  private boolean closing;

  GroupCommitter(Path file, Forcer forcer, LongSupplier writtenTicket, Drainer drainer,
      int maxBatch, long maxDelayNanos, long startTicket) {
    this.file = file;
    this.forcer = forcer;
    this.writtenTicket = writtenTicket;
    this.drainer = drainer;
    this.maxBatch = maxBatch;
    this.maxDelayNanos = maxDelayNanos;
    this.durableTicket = startTicket;
    this.drainedTicket = startTicket;
  }

  /**
   * A synchronous append is about to write; a leader may wait for it until it departs. The append
   * departs by waiting for its force ({@link Arrival#awaitDurable}) or, having given up before
   * that (it failed, or was not forced), by closing the arrival.
   *
   * @return the arrival, to close in a try-with-resources block
   */
  Arrival arrive() {
    lock.lock();
    try {
      arrived++;
    } finally {
      lock.unlock();
    }
    return new Arrival();
  }

  /**
   * One append between its arrival and its departure. Closing it departs, unless the append
   * already departed by waiting for its force. Confined to the appending thread.
   */
  final class Arrival implements AutoCloseable {
    private boolean departed;

    private Arrival() {}

    /**
     * Waits until a force covering {@code ticket} completed; this departs.
     *
     * @throws ForceFailedException if the force covering it (or an earlier one) failed
     */
    void awaitDurable(long ticket) {
      departed = true;
      GroupCommitter.this.awaitDurable(ticket);
    }

    /** Departs, if the append has not already. */
    @Override
    public void close() {
      if (!departed) {
        departed = true;
        depart();
      }
    }
  }

  /** An append that arrived gave up before waiting (it failed, or was not forced). */
  private void depart() {
    lock.lock();
    try {
      arrived--;
      wakeLeader();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a force covering {@code ticket} completed; the caller had {@link #arrive()}d and
   * this call counts as its departure (through {@link Arrival#awaitDurable}).
   *
   * @throws ForceFailedException if the force covering it (or an earlier one) failed
   */
  private void awaitDurable(long ticket) {
    lock.lock();
    try {
      arrived--;
      wakeLeader();
      while (true) {
        if (durableTicket >= ticket) {
          return; // forced before any failure: acknowledged
        }
        if (failure != null) {
          throw new ForceFailedException(file, failure);
        }
        if (!leading) {
          lead();
        } else {
          forceEnded.awaitUninterruptibly();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** A synchronous leader: waits for the appenders writing, then forces. Lock held. */
  private void lead() {
    leading = true;
    try {
      long deadline = System.nanoTime() + maxDelayNanos;
      while (arrived > 0 && writtenTicket.getAsLong() - durableTicket < maxBatch) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          batchChanged.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      forceNow();
    } finally {
      endForce();
    }
  }

  /**
   * Forces everything written so far and records the outcome. Lock held and {@code leading} set;
   * the lock is released while forcing.
   */
  private void forceNow() {
    long target = writtenTicket.getAsLong(); // every byte up to here is written: force covers it
    IOException error = null;
    lock.unlock();
    try {
      forcer.force();
    } catch (IOException e) {
      error = e;
    } finally {
      lock.lock();
    }
    if (error != null) {
      failure = error;
    } else if (target > durableTicket) {
      durableTicket = target;
    }
  }

  /** Ends a force: wakes its followers, and the flusher when it covered a queued append. */
  private void endForce() {
    leading = false;
    forceEnded.signalAll();
    if (flusherWaiting && !pending.isEmpty()
        && (failure != null || pending.peekFirst().ticket() <= durableTicket)) {
      flusherWake.signal();
    }
  }

  /** With the lock held: lets a leader waiting for its batch look again. */
  private void wakeLeader() {
    if (leading) {
      batchChanged.signal();
    }
  }

  /**
   * Queues an asynchronous append whose lines are staged, never blocking. Called under the
   * appender's write lock, so tickets arrive in order.
   *
   * @return the reason it was refused (the committer failed or is closing): then nothing is
   *     queued and the caller takes the lines back
   */
  Optional<SegmentFileException> enqueue(Pending<?> append) {
    lock.lock();
    try {
      if (failure != null) {
        return Optional.of(new ForceFailedException(file, failure));
      }
      if (closing) {
        return Optional.of(new ForceFailedException(file,
            new IOException("the writer was closed before the append was forced")));
      }
      boolean idle = pending.isEmpty();
      pending.addLast(append);
      queuedSinceDrain++;
      if (flusher == null) {
        Thread thread = new Thread(this::flushLoop, "agentledger group commit " + file);
        thread.setDaemon(true);
        flusher = thread;
        thread.start();
      } else if (flusherWaiting && (idle || queuedSinceDrain == maxBatch)) {
        flusherWake.signal();
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A thread is about to block on the future of the append with {@code ticket}: the batch holding
   * it closes now.
   */
  void hurry(long ticket) {
    lock.lock();
    try {
      if (ticket > hurryTicket) {
        hurryTicket = ticket;
        if (flusherWaiting && ticket > drainedTicket) {
          flusherWake.signal();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The staged lines of every queued append with a ticket after {@code afterTicket} could not be
   * written: their futures fail with {@code cause} (completed by the flusher). Called under the
   * appender's write lock.
   */
  void fail(long afterTicket, SegmentFileException cause) {
    lock.lock();
    try {
      List<Pending<?>> tail = new ArrayList<>();
      while (!pending.isEmpty() && pending.peekLast().ticket() > afterTicket) {
        tail.add(pending.pollLast());
      }
      Collections.reverse(tail);
      for (Pending<?> each : tail) {
        failed.add(new Failed(each, cause));
      }
      if (flusherWaiting && !failed.isEmpty()) {
        flusherWake.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The flusher: closes batches, has them written and forced, completes their futures. */
  private void flushLoop() {
    lock.lock();
    try {
      while (true) {
        while (pending.isEmpty() && failed.isEmpty() && !closing) {
          flusherWaiting = true;
          flusherWake.awaitUninterruptibly();
          flusherWaiting = false;
        }
        if (pending.isEmpty() && failed.isEmpty()) {
          return; // closing, nothing left
        }
        if (!pending.isEmpty() && failure == null) {
          if (!closing) {
            awaitBatch();
          }
          flush();
        }
        completeCovered();
      }
    } finally {
      flusher = null;
      lock.unlock();
    }
  }

  /**
   * Waits, lock held, until the queued batch should be forced: {@code maxBatch} queued, a thread
   * blocked on one of them, a quiet slice with no new append, {@code maxDelay} passed, a force
   * (of a synchronous leader) already covered the oldest, or closing.
   */
  private void awaitBatch() {
    long slice = Math.max(1, maxDelayNanos / 8);
    long now = System.nanoTime();
    long deadline = now + maxDelayNanos;
    long seen = pending.peekLast().ticket();
    long lastArrival = now;
    while (queuedSinceDrain < maxBatch && hurryTicket <= drainedTicket && !closing
        && failure == null && failed.isEmpty()
        && !pending.isEmpty() && pending.peekFirst().ticket() > durableTicket) {
      long newest = pending.peekLast().ticket();
      if (newest != seen) {
        seen = newest;
        lastArrival = now;
      } else if (now - lastArrival >= slice) {
        return; // quiet: nobody is adding to this batch
      }
      long wait = Math.min(deadline - now, lastArrival + slice - now);
      if (wait <= 0) {
        return;
      }
      flusherWaiting = true;
      try {
        flusherWake.awaitNanos(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        flusherWaiting = false;
      }
      now = System.nanoTime();
    }
  }

  /** Has the staged lines written, then forces them (or joins the force running). Lock held. */
  private void flush() {
    queuedSinceDrain = 0;
    long written;
    lock.unlock();
    try {
      written = drainer.drain();
    } catch (RuntimeException e) {
      written = writtenTicket.getAsLong();
      lock.lock();
      failure = new IOException("writing the staged lines of " + file + " failed", e);
      return;
    } finally {
      if (!lock.isHeldByCurrentThread()) {
        lock.lock();
      }
    }
    drainedTicket = Math.max(drainedTicket, written);
    while (durableTicket < written && failure == null) {
      if (!leading) {
        leading = true;
        try {
          forceNow();
        } finally {
          endForce();
        }
      } else {
        forceEnded.awaitUninterruptibly();
      }
    }
  }

  /** Completes, outside the lock, every queued future a force covered or a failure ended. */
  private void completeCovered() {
    List<Pending<?>> done = new ArrayList<>();
    while (!pending.isEmpty()
        && (pending.peekFirst().ticket() <= durableTicket || failure != null)) {
      done.add(pending.pollFirst());
    }
    List<Failed> notWritten = failed.isEmpty() ? List.of() : List.copyOf(failed);
    failed.clear();
    if (done.isEmpty() && notWritten.isEmpty()) {
      return;
    }
    IOException forceFailure = failure;
    long durable = durableTicket;
    lock.unlock();
    try {
      for (Pending<?> each : done) {
        if (each.ticket() <= durable || forceFailure == null) {
          each.succeed(); // taken only once forced, or because a force failed
        } else {
          each.fail(new ForceFailedException(file, forceFailure));
        }
      }
      for (Failed each : notWritten) {
        each.pending().fail(each.cause());
      }
    } finally {
      lock.lock();
    }
  }

  /**
   * Writes, forces and completes what asynchronous appends still wait for and stops the flusher;
   * later asynchronous appends are refused. Called before the channel closes.
   */
  void close() {
    Thread thread;
    lock.lock();
    try {
      closing = true;
      flusherWake.signalAll();
      thread = flusher;
    } finally {
      lock.unlock();
    }
    if (thread != null && thread != Thread.currentThread()) {
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@return the newest ticket known durable} */
  long durableTicket() {
    lock.lock();
    try {
      return durableTicket;
    } finally {
      lock.unlock();
    }
  }

  /** Marks everything written so far durable (after a rewrite forced the whole file). */
  void markDurable(long ticket) {
    lock.lock();
    try {
      if (ticket > durableTicket) {
        durableTicket = ticket;
      }
      forceEnded.signalAll();
      if (flusherWaiting && !pending.isEmpty() && pending.peekFirst().ticket() <= durableTicket) {
        flusherWake.signal();
      }
    } finally {
      lock.unlock();
    }
  }
}
