package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointSummaryHead;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Repository;

/**
 * Runs one operation of a store at a time, for repositories whose refs live in a reftable
 * ({@code extensions.refStorage = reftable}). JGit 7.4's reftable database closes the table
 * files a reader may still be reading when a ref update in the same {@link Repository} reloads
 * its table stack: a ref lookup racing a write then fails with a {@code ClosedChannelException}
 * (seen with four threads writing through one store). Loose and packed refs have no such race,
 * so only reftable repositories pay for this lock. It covers the operations of this store only:
 * other code sharing the same {@code Repository} object across threads is not serialized with
 * it. Writers in other processes are unaffected: they open their own tables, and every ref move
 * stays a compare-and-swap. Thread-safe.
 */
final class ReftableSerializedStore implements CheckpointStore {
  private final CheckpointStore delegate;
  private final ReentrantLock lock = new ReentrantLock();

  ReftableSerializedStore(CheckpointStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** {@return whether the repository keeps its refs in a reftable} */
  static boolean usesReftable(Repository repository) {
    return "reftable".equalsIgnoreCase(
        repository.getConfig().getString("extensions", null, "refStorage"));
  }

  private <T> T locked(Supplier<T> operation) {
    lock.lock();
    try {
      return operation.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CheckpointId newCheckpointId() {
    return locked(delegate::newCheckpointId);
  }

  @Override
  public int write(WriteRequest request) {
    return locked(() -> delegate.write(request));
  }

  @Override
  public void update(UpdateRequest request) {
    locked(() -> {
      delegate.update(request);
      return true;
    });
  }

  @Override
  public void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary) {
    locked(() -> {
      delegate.updateSessionSummary(checkpointId, summary);
      return true;
    });
  }

  @Override
  public Optional<CheckpointSummary> readSummary(CheckpointId checkpointId) {
    return locked(() -> delegate.readSummary(checkpointId));
  }

  @Override
  public Optional<CheckpointSummaryHead> readSummaryHead(CheckpointId checkpointId,
      int maxSessions) {
    return locked(() -> delegate.readSummaryHead(checkpointId, maxSessions));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId, int sessionIndex) {
    return locked(() -> delegate.readSession(checkpointId, sessionIndex));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId,
      AgentSessionId sessionId) {
    return locked(() -> delegate.readSession(checkpointId, sessionId));
  }

  @Override
  public Optional<SessionContent> readLatestSession(CheckpointId checkpointId) {
    return locked(() -> delegate.readLatestSession(checkpointId));
  }

  @Override
  public List<CheckpointListEntry> list() {
    return locked(delegate::list);
  }

  @Override
  public Optional<Author> checkpointAuthor(CheckpointId checkpointId) {
    return locked(() -> delegate.checkpointAuthor(checkpointId));
  }

  @Override
  public List<CheckpointId> linkedCheckpoints(CommitId commit) {
    return locked(() -> delegate.linkedCheckpoints(commit));
  }
}
