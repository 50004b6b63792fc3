package io.github.agentledger.segment;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one open writer of a segment: it holds the segment's writer lock from {@link
 * SegmentStore#openWriter} until {@link #close()}, so no other writer, in this process or another,
 * can change the segment meanwhile.
 *
 * <p>A successful append has committed every entry it was given, in order; a failed append has
 * committed none of them (no partial batch is ever visible). Not thread-safe: one thread uses a
 * writer at a time (calls must be externally synchronized).
 */
public interface SegmentWriter extends AutoCloseable {
  /** {@return the session of the segment} */
  SessionId sessionId();

  /** {@return the segment written to} */
  SegmentId segmentId();

  /** {@return the number of committed entries, the {@code segment_start} included; O(1)} */
  long entryCount();

  /**
   * Appends entries after the last committed one.
   *
   * @param entries the entries, none of them a {@code segment_start}; an empty list changes nothing
   * @return the entry count after the append
   * @throws InvalidSegmentStructureException if an entry is a {@code segment_start}
   * @throws SegmentIoException if the storage fails; nothing was appended
   * @throws SegmentWriterUnusableException if an earlier failure left the writer unusable
   * @throws IllegalStateException if the writer is closed
   */
  long append(List<LogEntry> entries);

  /**
   * Appends entries after the last committed one without waiting for them to be durable: the
   * returned future completes, with the entry count after the append, once the entries are as
   * durable as the store promises for {@link #append(List)}; it completes exceptionally, with the
   * exception {@link #append(List)} would have thrown, if they are not (then none of them is
   * acknowledged). Appends made through one writer are committed in the order of the calls, so a
   * single thread can keep many appends in flight and let the store force them together.
   *
   * <p>Checks that need no I/O (a {@code segment_start} among the entries, a closed writer) fail
   * the call itself. The default implementation appends synchronously and returns a completed
   * future; stores that batch forces override it.
   *
   * @param entries the entries, none of them a {@code segment_start}; an empty list changes nothing
   * @return a future of the entry count after the append
   * @throws InvalidSegmentStructureException if an entry is a {@code segment_start}
   * @throws IllegalStateException if the writer is closed
   */
  default CompletableFuture<Long> appendAsync(List<LogEntry> entries) {
    try {
      return CompletableFuture.completedFuture(append(entries));
    } catch (InvalidSegmentStructureException | IllegalStateException e) {
      throw e;
    } catch (SegmentLogException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Appends entries only if the segment holds exactly {@code expectedEntryCount} entries.
   *
   * @param expectedEntryCount the entry count the caller believes the segment holds
   * @param entries the entries, none of them a {@code segment_start}
   * @return the entry count after the append
   * @throws SegmentConflictException if the segment holds another count; nothing was appended
   * @throws InvalidSegmentStructureException if an entry is a {@code segment_start}
   * @throws SegmentIoException if the storage fails; nothing was appended
   * @throws SegmentWriterUnusableException if an earlier failure left the writer unusable
   * @throws IllegalStateException if the writer is closed
   */
  long append(long expectedEntryCount, List<LogEntry> entries);

  /**
   * Cuts the segment back to its first {@code entryCount} entries (rollback, rewind). The cut is
   * atomic: after a crash the segment holds either all its old entries or exactly the kept ones.
   *
   * @param entryCount the entries to keep, from 1 (the {@code segment_start} alone) to {@link
   *     #entryCount()}
   * @throws EntryCountOutOfRangeException if {@code entryCount} is outside that range; nothing
   *     changed
   * @throws SegmentIoException if the storage fails
   * @throws IllegalStateException if the writer is closed
   */
  void truncate(long entryCount);

  /**
   * Appends records to the segment's debug trace ({@code .trace.jsonl}), created on the first
   * append. The trace never changes the segment's entry count and is never replayed. A successful
   * call has committed every record, a failed one none.
   *
   * @param records the records, in order; an empty list changes nothing
   * @throws SegmentIoException if the storage fails; nothing was appended
   * @throws IllegalStateException if the writer is closed
   */
  void appendTrace(List<TraceRecord> records);

  /** Releases the writer lock; closing twice does nothing. */
  @Override
  void close();
}
