package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.file.Path;
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

  private long durableTicket;
  private boolean leading;
  private int arrived;
  private @Nullable IOException failure;

  GroupCommitter(Path file, Forcer forcer, LongSupplier writtenTicket,
      int maxBatch, long maxDelayNanos, long startTicket) {
    this.file = file;
    this.forcer = forcer;
    this.writtenTicket = writtenTicket;
    this.maxBatch = maxBatch;
    this.maxDelayNanos = maxDelayNanos;
    this.durableTicket = startTicket;
  }

  /** An append is about to write; a leader may wait for it. Pair with {@link #depart()}. */
  void arrive() {
    lock.lock();
    try {
      arrived++;
    } finally {
      lock.unlock();
    }
  }

  /** An append that arrived gave up before waiting (it failed, or was not forced). */
  void depart() {
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
   * this call counts as its departure.
   *
   * @throws ForceFailedException if the force covering it (or an earlier one) failed
   */
  void awaitDurable(long ticket) {
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
      while (writtenTicket.getAsLong() - durableTicket < maxBatch && arrived > 0) {
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
