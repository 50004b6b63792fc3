package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.EntryCountOutOfRangeException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TraceRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The writer of one segment, holding its lease (see {@link PostgresSegmentStore}). Every write
 * names the lease's holder and fencing token, so once another node has taken the lease over (this
 * one having stopped renewing it), every write here fails with {@link
 * io.github.agentledger.segment.SegmentLockedException} and changes nothing. Thread-safe: threads
 * may append through one writer at once and share a group commit.
 */
final class PostgresSegmentWriter implements SegmentWriter {
  private final PostgresSegmentStore store;
  private final Lease lease;
  private long entryCount;
  private boolean closed;

  PostgresSegmentWriter(PostgresSegmentStore store, Lease lease, long entryCount) {
    this.store = store;
    this.lease = lease;
    this.entryCount = entryCount;
  }

  @Override
  public SessionId sessionId() {
    return lease.sessionId();
  }

  @Override
  public SegmentId segmentId() {
    return lease.segmentId();
  }

  @Override
  public synchronized long entryCount() {
    return entryCount;
  }

  @Override
  public long append(List<LogEntry> entries) {
    return append(OptionalLong.empty(), entries);
  }

  @Override
  public long append(long expectedEntryCount, List<LogEntry> entries) {
    return append(OptionalLong.of(expectedEntryCount), entries);
  }

  private long append(OptionalLong expected, List<LogEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    long before;
    synchronized (this) {
      requireOpen();
      before = entryCount;
    }
    byte[][] lines = PostgresSegmentStore.encodeAppend(before, entries);
    if (lines.length == 0) {
      if (expected.isPresent() && expected.getAsLong() != before) {
        throw new SegmentConflictException(sessionId(), segmentId(), expected.getAsLong(), before);
      }
      return before;
    }
    long after = store.commit(new AppendRequest(sessionId(), segmentId(), Optional.of(lease),
        expected, lines));
    synchronized (this) {
      entryCount = Math.max(entryCount, after);
      return after;
    }
  }

  @Override
  public synchronized void truncate(long count) {
    requireOpen();
    if (count < 1 || count > entryCount) {
      throw new EntryCountOutOfRangeException(sessionId(), segmentId(), count, entryCount);
    }
    store.truncate(Optional.of(lease), sessionId(), segmentId(), count);
    entryCount = count;
  }

  @Override
  public void appendTrace(List<TraceRecord> records) {
    Objects.requireNonNull(records, "records");
    synchronized (this) {
      requireOpen();
    }
    store.appendTrace(Optional.of(lease), sessionId(), segmentId(), records);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    store.release(lease);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the writer of segment " + segmentId() + " of session "
          + sessionId() + " is closed");
    }
  }
}
