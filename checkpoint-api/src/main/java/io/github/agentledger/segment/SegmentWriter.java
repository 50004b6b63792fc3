package io.github.agentledger.segment;

import java.util.List;

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
   * @throws IllegalStateException if the writer is closed
   */
  long append(List<LogEntry> entries);

  /**
   * Appends entries only if the segment holds exactly {@code expectedEntryCount} entries.
   *
   * @param expectedEntryCount the entry count the caller believes the segment holds
   * @param entries the entries, none of them a {@code segment_start}
   * @return the entry count after the append
   * @throws SegmentConflictException if the segment holds another count; nothing was appended
   * @throws InvalidSegmentStructureException if an entry is a {@code segment_start}
   * @throws SegmentIoException if the storage fails; nothing was appended
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
