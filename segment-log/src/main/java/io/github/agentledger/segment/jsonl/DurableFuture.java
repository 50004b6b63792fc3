package io.github.agentledger.segment.jsonl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of an asynchronous group-commit append: a plain {@link CompletableFuture} that,
 * when a thread is about to block on it ({@link #join}, {@link #get}), first tells the committer
 * that someone waits, so the force starts now instead of after the batch's quiet slice. A caller
 * that keeps a window of appends in flight and waits for the oldest thus closes each batch
 * exactly when it has nothing more to add. Dependent stages are plain futures; waiting on them
 * gives no such hint (the batch then closes by count, quiet or delay, as for any append).
 *
 * @param <T> the value
 */
final class DurableFuture<T> extends CompletableFuture<T> {
  private final GroupCommitter committer;
  private final long ticket;

  DurableFuture(GroupCommitter committer, long ticket) {
    this.committer = committer;
    this.ticket = ticket;
  }

  @Override
  public T join() {
    if (!isDone()) {
      committer.hurry(ticket);
    }
    return super.join();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    if (!isDone()) {
      committer.hurry(ticket);
    }
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (!isDone()) {
      committer.hurry(ticket);
    }
    return super.get(timeout, unit);
  }
}
