package io.github.agentledger.segment;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store of segment logs: sessions, each holding append-only segments of {@link LogEntry}s.
 *
 * <p>Contract shared by every implementation (checked by the {@code SegmentStoreContract} test
 * suite):
 *
 * <ul>
 *   <li>A segment is created with its {@code segment_start} as first entry and never holds another
 *       {@code segment_start}; appending to a segment that does not exist is an error, never a
 *       silent create.
 *   <li>At most one {@link SegmentWriter} is open per segment; any write while another writer holds
 *       the segment fails at once with {@link SegmentLockedException}, never blocks. Reads never
 *       take the lock.
 *   <li>Every rejected operation changes nothing stored.
 *   <li>A segment may have a debug trace ({@link TraceRecord}s, {@code .trace.jsonl}) beside it;
 *       a trace is written under the segment's writer lock, never replayed, and never changes the
 *       segment's entry count.
 *   <li>Ids are typed and validated ({@link SessionId}, {@link SegmentId}), so no name given to a
 *       store can escape it.
 *   <li>A {@link ConversationKey} names at most one session, durably; binding is atomic (of two
 *       concurrent binds of one key, one wins and both learn the winner), and a lookup never
 *       replays a session. Keys and session attributes belong to their session: deleting the
 *       session removes them, and a fork into a new session inherits none of them. A key moves
 *       between sessions only by {@link #rebindKey}, a compare-and-set.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface SegmentStore {
  /**
   * Creates a segment holding the given entries, atomically: after a crash it either does not exist
   * or holds all of them.
   *
   * @param sessionId the session; created if it has no segment yet
   * @param segmentId the new segment
   * @param entries a {@code segment_start} naming {@code sessionId}, then any other entries
   * @throws SegmentAlreadyExistsException if the segment exists; it is left unchanged
   * @throws InvalidSegmentStructureException if the first entry is not a {@code segment_start} of
   *     this session, or a later entry is a {@code segment_start}
   * @throws SegmentIoException if the storage fails
   */
  void create(SessionId sessionId, SegmentId segmentId, List<LogEntry> entries);

  /**
   * Opens the one writer of a segment, taking its writer lock. Fails at once if another writer
   * holds it.
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @return the writer; the caller must close it
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentLockedException if another writer holds the segment
   * @throws SegmentIoException if the storage fails
   */
  SegmentWriter openWriter(SessionId sessionId, SegmentId segmentId);

  /**
   * Appends entries through a short-lived writer: opens it, appends, closes it.
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @param entries the entries, none of them a {@code segment_start}
   * @return the entry count after the append
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentLockedException if another writer holds the segment
   * @throws InvalidSegmentStructureException if an entry is a {@code segment_start}
   * @throws SegmentIoException if the storage fails; nothing was appended
   */
  long append(SessionId sessionId, SegmentId segmentId, List<LogEntry> entries);

  /**
   * Appends entries through a short-lived writer, only if the segment holds exactly {@code
   * expectedEntryCount} entries.
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @param expectedEntryCount the entry count the caller believes the segment holds
   * @param entries the entries, none of them a {@code segment_start}
   * @return the entry count after the append
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentLockedException if another writer holds the segment
   * @throws SegmentConflictException if the segment holds another count; nothing was appended
   * @throws InvalidSegmentStructureException if an entry is a {@code segment_start}
   * @throws SegmentIoException if the storage fails; nothing was appended
   */
  long append(
      SessionId sessionId, SegmentId segmentId, long expectedEntryCount, List<LogEntry> entries);

  /**
   * Reads a segment's committed entries in order, lazily: entries are read as the stream is
   * consumed, so a log of any size is read in memory bounded by its largest entry. The caller must
   * close the stream (try-with-resources). A corrupt line fails the stream when it is reached, with
   * {@link CorruptSegmentException}.
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @return the entries; must be closed
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentIoException if the storage fails
   */
  Stream<LogEntry> read(SessionId sessionId, SegmentId segmentId);

  /**
   * Replays a segment into its state ({@link RestoredState#replay}), streaming its entries.
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @return the state
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws CorruptSegmentException if a committed line cannot be read
   * @throws InvalidSegmentStructureException if the segment's first entry is not its one {@code
   *     segment_start}
   * @throws SegmentIoException if the storage fails
   */
  RestoredState restore(SessionId sessionId, SegmentId segmentId);

  /**
   * Brings a state replayed earlier from this segment up to date by applying only the entries
   * appended since ({@link RestoredState#resume}); the entries it was built from are skipped, not
   * replayed. The default reads and skips them; an implementation may seek instead.
   *
   * @param sessionId the session
   * @param segmentId the segment the state was replayed from
   * @param previous the earlier state of this segment
   * @return the state after every committed entry
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentConflictException if the segment now holds fewer entries than {@code previous}
   *     was built from (it was truncated): replay it whole instead
   * @throws InvalidSegmentStructureException if {@code previous} belongs to another session
   * @throws CorruptSegmentException if a committed line cannot be read
   * @throws SegmentIoException if the storage fails
   */
  default RestoredState restore(SessionId sessionId, SegmentId segmentId, RestoredState previous) {
    if (!previous.sessionId().equals(sessionId)) {
      throw new InvalidSegmentStructureException(
          1, "the state belongs to session " + previous.sessionId() + ", not " + sessionId);
    }
    long actual = entryCount(sessionId, segmentId);
    if (actual < previous.entryCount()) {
      throw new SegmentConflictException(sessionId, segmentId, previous.entryCount(), actual);
    }
    try (Stream<LogEntry> entries = read(sessionId, segmentId)) {
      return previous.resume(entries.skip(previous.entryCount()).iterator());
    }
  }

  /**
   * Reads where a segment came from, as its {@code segment_start} records it ({@code forked_from}
   * or {@code compacted_from}). The lineage queries of {@link
   * io.github.agentledger.segment.lineage.SegmentLineage} call this for every segment they look
   * at, so a store should answer without decoding the history the {@code segment_start} carries
   * (a late fork carries the whole conversation). This default decodes the first entry whole; a
   * store may skip the history, checking only its JSON syntax (a history that is corrupt in its
   * content is then reported by {@link #read} and {@link #restore}, not here).
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @return the origin, or empty when the segment starts a lineage
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws CorruptSegmentException if its first line cannot be read
   * @throws InvalidSegmentStructureException if its first entry is not a {@code segment_start} of
   *     the session
   * @throws SegmentIoException if the storage fails
   */
  default Optional<Derivation> derivation(SessionId sessionId, SegmentId segmentId) {
    try (Stream<LogEntry> entries = read(sessionId, segmentId)) {
      Optional<LogEntry> first = entries.findFirst();
      if (first.isPresent() && first.get() instanceof LogEntry.SegmentStart start) {
        return Derivation.of(start);
      }
      throw new InvalidSegmentStructureException(
          1,
          "segment "
              + new SegmentRef(sessionId, segmentId)
              + " starts with "
              + first.map(LogEntry::kind).orElse("nothing")
              + ", not segment_start");
    }
  }

  /**
   * Counts a segment's committed entries.
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @return the number of entries, the {@code segment_start} included
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentIoException if the storage fails
   */
  long entryCount(SessionId sessionId, SegmentId segmentId);

  /**
   * Lists the sessions that hold at least one segment.
   *
   * @return the sessions, newest first
   * @throws SegmentIoException if the storage fails
   */
  List<SessionId> listSessions();

  /**
   * Lists the segments of a session.
   *
   * @param sessionId the session
   * @return its segments, newest first; empty if the session does not exist
   * @throws SegmentIoException if the storage fails
   */
  List<SegmentId> listSegments(SessionId sessionId);

  /**
   * Tells whether a segment exists.
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @return {@code true} if it exists
   * @throws SegmentIoException if the storage fails
   */
  boolean exists(SessionId sessionId, SegmentId segmentId);

  /**
   * Cuts a segment back to its first {@code entryCount} entries through a short-lived writer (see
   * {@link SegmentWriter#truncate}).
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @param entryCount the entries to keep, from 1 to the segment's entry count
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentLockedException if another writer holds the segment
   * @throws EntryCountOutOfRangeException if {@code entryCount} is out of range; nothing changed
   * @throws SegmentIoException if the storage fails
   */
  void truncate(SessionId sessionId, SegmentId segmentId, long entryCount);

  /**
   * Appends records to a segment's debug trace through a short-lived writer (see {@link
   * SegmentWriter#appendTrace}).
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @param records the records, in order; an empty list changes nothing
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentLockedException if another writer holds the segment
   * @throws SegmentIoException if the storage fails; nothing was appended
   */
  void appendTrace(SessionId sessionId, SegmentId segmentId, List<TraceRecord> records);

  /**
   * Reads a segment's debug trace lazily, in order; the caller must close the stream. A committed
   * trace line that is not a JSON object fails the stream when it is reached, with {@link
   * CorruptSegmentException}.
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @return the records; empty when the segment has no trace
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentIoException if the storage fails
   */
  Stream<TraceRecord> readTrace(SessionId sessionId, SegmentId segmentId);

  /**
   * Tells when a session was last written: the latest creation, append, truncation or trace
   * append of any of its segments, as the storage records it (a file store reports file
   * modification times).
   *
   * @param sessionId the session
   * @return the time, or empty when the session holds no segment
   * @throws SegmentIoException if the storage fails
   */
  Optional<Instant> lastModified(SessionId sessionId);

  /**
   * Deletes a session: every segment and trace it holds, its attributes and the conversation keys
   * bound to it. Either the whole session is deleted or, when one of its segments is held by a
   * writer, nothing is.
   *
   * @param sessionId the session
   * @return {@code true} if the session existed and was deleted, {@code false} if it held nothing
   * @throws SegmentLockedException if a writer holds one of its segments; nothing was deleted
   * @throws SegmentIoException if the storage fails
   */
  boolean deleteSession(SessionId sessionId);

  /**
   * Binds a conversation key to a session unless the key is bound already, atomically and
   * durably: when this returns, the binding survives a crash. Of several concurrent binds of one
   * key (threads or processes), exactly one wins and every caller gets the winner's session.
   *
   * @param key the key
   * @param sessionId the session to bind it to; it must hold a segment
   * @return the session the key is bound to now: {@code sessionId}, or the session it was bound
   *     to before
   * @throws SessionNotFoundException if {@code sessionId} holds no segment and the key is unbound
   * @throws SegmentIoException if the storage fails; the key is then unbound or bound as before
   */
  SessionId bindKey(ConversationKey key, SessionId sessionId);

  /**
   * Moves a key's binding from one session to another if, and only if, it names {@code expected}
   * now: a compare-and-set, atomic and durable. When this returns the key names {@code
   * replacement}, and a crash at any moment leaves it naming {@code expected} or {@code
   * replacement}, never neither. Of several concurrent rebinds expecting the same session (threads
   * or processes), exactly one succeeds; the others fail with {@link KeyBindingConflictException}.
   * The claim moves with the binding: deleting {@code expected} afterwards leaves the key bound.
   * Rebinding to the session the key names already changes nothing.
   *
   * @param key the key
   * @param expected the session the caller believes the key names
   * @param replacement the session to bind it to; it must hold a segment
   * @throws KeyBindingConflictException if the key is unbound or names another session than
   *     {@code expected}; nothing changed
   * @throws SessionNotFoundException if {@code replacement} holds no segment; nothing changed
   * @throws SegmentIoException if the storage fails; the key then names {@code expected} or
   *     {@code replacement}
   */
  void rebindKey(ConversationKey key, SessionId expected, SessionId replacement);

  /**
   * Looks a conversation key up, without replaying any session.
   *
   * @param key the key
   * @return the session it is bound to, or empty when it is unbound
   * @throws SegmentIoException if the storage fails
   */
  Optional<SessionId> lookupKey(ConversationKey key);

  /**
   * Lists every bound conversation key.
   *
   * @return the bindings, ordered by key
   * @throws SegmentIoException if the storage fails
   */
  List<KeyBinding> listKeys();

  /**
   * Removes a key's binding; its session is not touched.
   *
   * @param key the key
   * @return {@code true} if it was bound
   * @throws SegmentIoException if the storage fails
   */
  boolean unbindKey(ConversationKey key);

  /**
   * Reads a session's attributes (name to JSON), set by {@link #putSessionAttributes}.
   *
   * @param sessionId the session
   * @return its attributes, ordered by name; empty when it has none or does not exist
   * @throws SegmentIoException if the storage fails
   */
  Map<String, JsonText> sessionAttributes(SessionId sessionId);

  /**
   * Sets attributes of a session, atomically and durably: each named attribute is replaced or
   * added, the others are kept. Concurrent calls do not lose each other's attributes.
   *
   * @param sessionId the session; it must hold a segment
   * @param attributes the attributes to set; an empty map changes nothing
   * @throws SessionNotFoundException if the session holds no segment
   * @throws SegmentIoException if the storage fails; nothing changed
   */
  void putSessionAttributes(SessionId sessionId, Map<String, JsonText> attributes);

  /**
   * Removes one attribute of a session, atomically and durably.
   *
   * @param sessionId the session
   * @param name the attribute's name
   * @return {@code true} if it was set
   * @throws SegmentIoException if the storage fails; nothing changed
   */
  boolean removeSessionAttribute(SessionId sessionId, String name);

  /**
   * Opens a segment's committed entries as JSONL bytes: one line per entry, each ended by
   * {@code \n}, in the format of {@code docs/segment-format.md}, ready to be stored as a
   * checkpoint transcript. A file store gives its file's committed bytes, unknown kinds and
   * parts exactly as stored.
   *
   * @param sessionId the session
   * @param segmentId the segment
   * @return the bytes; the caller must close the stream
   * @throws SegmentNotFoundException if the segment does not exist
   * @throws SegmentIoException if the storage fails
   */
  InputStream openJsonl(SessionId sessionId, SegmentId segmentId);
}
