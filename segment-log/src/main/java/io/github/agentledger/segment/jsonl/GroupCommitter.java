package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Shares one force among concurrent appends (leader/follower, no committer thread).
 *
 * <p>Every append gets a ticket (a sequence number) when its bytes are written. An append then
 * waits until a force that started after its write has completed. The first waiter with no force
 * in progress becomes the leader: it waits (releasing the lock) while fewer than {@code maxBatch}
 * written appends are unforced AND some appender has arrived but not yet written AND
 * {@code maxDelay} has not passed; then it reads the newest written ticket, forces, and marks
 * everything up to that ticket durable. A single appender therefore never waits for the delay,
 * and appends written while a force runs share the next one.
 *
 * <p>Two conditions keep wake-ups few: only the leader waits on {@code batchChanged}, signalled
 * when an appender reaches its wait or gives up; followers wait on {@code forceEnded}, signalled
 * once per completed force. (A single condition on which every waking follower re-signalled
 * everyone kept all followers waking each other, which starved the appenders the leader was
 * waiting for of CPU until the delay ran out.) Nothing busy-waits.
 *
 * <p>A failed force is sticky: every append waiting, and every later one, fails with
 * {@link ForceFailedException}; none covered by the failed force is acknowledged.
 *
 * <p><b>Asynchronous appends</b> ({@link #whenDurable}) do not wait: their future is queued and a
 * force thread of this committer, started on the first one and stopped by {@link #close()}, takes
 * the waiting part for them, leading a force (or joining the one running) for the newest queued
 * ticket, then completing every future it covers, in ticket order, on that thread. One caller can
 * so keep many appends in flight, and they share forces as the appends of many threads do. Since
 * such appends arrive between the leader's looks rather than during them, the force thread keeps
 * its batch open (up to {@code maxDelay}, or {@code maxBatch} appends) while new appends keep
 * arriving, and closes it after a quiet eighth of {@code maxDelay}.
 *
 * <p>Thread-safe.
 */
final class GroupCommitter {
  /** Forces the file; the writer's channel. */
  @FunctionalInterface
  interface Forcer {
    void force() throws IOException;
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition batchChanged = lock.newCondition();
  private final Condition forceEnded = lock.newCondition();
  private final Forcer forcer;
  private final LongSupplier writtenTicket;
  private final int maxBatch;
  private final long maxDelayNanos;
  private final Path file;

  private final Condition queued = lock.newCondition();
  private final ArrayDeque<Pending<?>> pending = new ArrayDeque<>();

  private long durableTicket;
  private boolean leading;
  private int arrived;
  private @Nullable IOException failure;
  private @Nullable Thread forceThread;
  private boolean closing;

  /** An asynchronous append waiting for its force, and what to complete its future with. */
  private record Pending<T>(long ticket, CompletableFuture<T> future, T value) {
    void complete(@Nullable IOException failed, Path file) {
      if (failed == null) {
        future.complete(value);
      } else {
        future.completeExceptionally(new ForceFailedException(file, failed));
      }
    }
  }

  GroupCommitter(Path file, Forcer forcer, LongSupplier writtenTicket,
      int maxBatch, long maxDelayNanos, long startTicket) {
    this.file = file;
    this.forcer = forcer;
    this.writtenTicket = writtenTicket;
    this.maxBatch = maxBatch;
    this.maxDelayNanos = maxDelayNanos;
    this.durableTicket = startTicket;
  }

  /**
   * An append is about to write; a leader may wait for it until it departs. The append departs by
   * waiting for its force ({@link Arrival#awaitDurable}) or, having given up before that (it
   * failed, or was not forced), by closing the arrival.
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

    /**
     * Hands this append's durability to the committer's force thread: {@code future} completes
     * with {@code value} once a force covers {@code ticket}; this departs.
     */
    <T> void whenDurable(long ticket, CompletableFuture<T> future, T value) {
      departed = true;
      GroupCommitter.this.whenDurable(ticket, future, value);
    }

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

  /** Called with the lock held; returns with it held. */
  private void lead() {
    leading = true;
    try {
      long deadline = System.nanoTime() + maxDelayNanos;
      boolean forAsync = Thread.currentThread() == forceThread;
      while (writtenTicket.getAsLong() - durableTicket < maxBatch) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        long before = writtenTicket.getAsLong();
        try {
          if (arrived > 0) {
            batchChanged.awaitNanos(left);
            continue;
          }
          if (!forAsync) {
            break; // nobody is writing: a lone appender never waits
          }
          // Asynchronous appends arrive between our looks, not while we look: keep the batch
          // open while they keep coming (each signals), close it after a quiet slice.
          batchChanged.awaitNanos(Math.min(left, Math.max(1, maxDelayNanos / 8)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (arrived == 0 && writtenTicket.getAsLong() == before) {
          break;
        }
      }
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
    } finally {
      leading = false;
      forceEnded.signalAll();
    }
  }

  /** With the lock held: lets a leader waiting for its batch look again. */
  private void wakeLeader() {
    if (leading) {
      batchChanged.signal();
    }
  }

  /**
   * Completes {@code future} with {@code value} once a force covering {@code ticket} completed,
   * or exceptionally with {@link ForceFailedException} if it failed; never blocks. The caller had
   * {@link #arrive()}d and this call counts as its departure.
   */
  <T> void whenDurable(long ticket, CompletableFuture<T> future, T value) {
    Pending<T> done = new Pending<>(ticket, future, value);
    IOException failed;
    lock.lock();
    try {
      arrived--;
      wakeLeader();
      failed = failure;
      if (failed == null && durableTicket < ticket) {
        if (closing) {
          failed = new IOException("the writer was closed before the append was forced");
        } else {
          pending.addLast(done);
          if (forceThread == null) {
            forceThread = new Thread(this::forceLoop, "agentledger group commit " + file);
            forceThread.setDaemon(true);
            forceThread.start();
          } else {
            queued.signal();
          }
          return;
        }
      }
    } finally {
      lock.unlock();
    }
    done.complete(failed, file);
  }

  /** The force thread: forces for the queued appends and completes their futures. */
  private void forceLoop() {
    lock.lock();
    try {
      while (true) {
        while (pending.isEmpty() && !closing) {
          queued.awaitUninterruptibly();
        }
        if (pending.isEmpty()) {
          return;
        }
        long target = pending.peekLast().ticket();
        while (durableTicket < target && failure == null) {
          if (!leading) {
            lead();
          } else {
            forceEnded.awaitUninterruptibly();
          }
        }
        List<Pending<?>> done = new ArrayList<>();
        while (!pending.isEmpty()
            && (pending.peekFirst().ticket() <= durableTicket || failure != null)) {
          done.add(pending.pollFirst());
        }
        IOException failed = failure;
        long durable = durableTicket;
        lock.unlock();
        try {
          for (Pending<?> each : done) {
            each.complete(each.ticket() <= durable ? null : failed, file);
          }
        } finally {
          lock.lock();
        }
      }
    } finally {
      forceThread = null;
      lock.unlock();
    }
  }

  /**
   * Forces what asynchronous appends still wait for, completes their futures and stops the force
   * thread; later asynchronous appends fail. Called before the channel closes.
   */
  void close() {
    Thread thread;
    lock.lock();
    try {
      closing = true;
      queued.signalAll();
      thread = forceThread;
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
    } finally {
      lock.unlock();
    }
  }
}
