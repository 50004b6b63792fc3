package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentAlreadyExistsException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TraceRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Copies sessions from one {@link SegmentStore} to another, for example from a {@link
 * io.github.agentledger.segment.jsonl.JsonlSegmentStore} directory into a {@link
 * PostgresSegmentStore} when agents move to many machines, or back. Both stores keep an entry as
 * its JSONL line, so a copied segment replays into the same state and, written back as JSONL,
 * holds the same bytes.
 *
 * <p>Each segment is copied with its debug trace while its writer is held in the source (so no
 * one appends to it meanwhile) and in the target: created with its {@code segment_start}, then
 * appended in batches of {@value #BATCH} entries, so memory stays bounded whatever its size.
 * Segments are copied oldest first. A session whose segment already exists in the target is
 * refused before anything is copied. The copy of a segment is not atomic: if it fails part way,
 * the target holds a prefix of it; delete the session from the target and copy it again. The
 * target stamps its own modification times. Thread-safe if both stores are.
 */
public final class SegmentMigration {
  /** Entries (and trace records) per append in the target. */
  static final int BATCH = 512;

  private final SegmentStore source;
  private final SegmentStore target;

  private SegmentMigration(SegmentStore source, SegmentStore target) {
    this.source = source;
    this.target = target;
  }

  /**
   * Creates a migration from {@code source} to {@code target}.
   *
   * @param source the store copied from; only read (its writers are taken while copying)
   * @param target the store copied to
   * @return the migration
   */
  public static SegmentMigration between(SegmentStore source, SegmentStore target) {
    return new SegmentMigration(Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(target, "target"));
  }

  /**
   * Copies every session of the source, oldest first.
   *
   * @return what was copied, one element per session
   * @throws SegmentAlreadyExistsException if a segment already exists in the target; the
   *     sessions before it were copied
   * @throws io.github.agentledger.segment.SegmentLockedException if a writer holds a source
   *     segment
   * @throws io.github.agentledger.segment.SegmentLogException if either store fails
   */
  public List<CopiedSession> copyAll() {
    List<SessionId> sessions = new ArrayList<>(source.listSessions());
    Collections.reverse(sessions);
    List<CopiedSession> copied = new ArrayList<>();
    for (SessionId session : sessions) {
      copied.add(copySession(session));
    }
    return List.copyOf(copied);
  }

  /**
   * Copies one session: all its segments, with their traces.
   *
   * @param sessionId the session
   * @return what was copied; no segment if the source does not hold the session
   * @throws SegmentAlreadyExistsException if one of its segments exists in the target; nothing
   *     was copied
   * @throws io.github.agentledger.segment.SegmentLockedException if a writer holds one of its
   *     segments in the source
   * @throws io.github.agentledger.segment.SegmentLogException if either store fails
   */
  public CopiedSession copySession(SessionId sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    List<SegmentId> segments = new ArrayList<>(source.listSegments(sessionId));
    Collections.reverse(segments);
    for (SegmentId segment : segments) {
      if (target.exists(sessionId, segment)) {
        throw new SegmentAlreadyExistsException(sessionId, segment);
      }
    }
    long entries = 0;
    long traces = 0;
    for (SegmentId segment : segments) {
      try (SegmentWriter held = source.openWriter(sessionId, segment)) {
        entries += copyEntries(sessionId, segment);
        traces += copyTrace(sessionId, segment);
      }
    }
    return new CopiedSession(sessionId, segments.size(), entries, traces);
  }

  private long copyEntries(SessionId sessionId, SegmentId segment) {
    long copied = 0;
    try (Stream<LogEntry> stream = source.read(sessionId, segment)) {
      Iterator<LogEntry> entries = stream.iterator();
      List<LogEntry> batch = new ArrayList<>(BATCH);
      batch.add(entries.next());
      while (entries.hasNext() && batch.size() < BATCH) {
        batch.add(entries.next());
      }
      target.create(sessionId, segment, batch);
      copied += batch.size();
      if (!entries.hasNext()) {
        return copied;
      }
      try (SegmentWriter writer = target.openWriter(sessionId, segment)) {
        while (entries.hasNext()) {
          batch.clear();
          while (entries.hasNext() && batch.size() < BATCH) {
            batch.add(entries.next());
          }
          writer.append(copied, batch);
          copied += batch.size();
        }
      }
    }
    return copied;
  }

  private long copyTrace(SessionId sessionId, SegmentId segment) {
    long copied = 0;
    try (Stream<TraceRecord> stream = source.readTrace(sessionId, segment)) {
      Iterator<TraceRecord> records = stream.iterator();
      if (!records.hasNext()) {
        return 0;
      }
      try (SegmentWriter writer = target.openWriter(sessionId, segment)) {
        List<TraceRecord> batch = new ArrayList<>(BATCH);
        while (records.hasNext()) {
          batch.clear();
          while (records.hasNext() && batch.size() < BATCH) {
            batch.add(records.next());
          }
          writer.appendTrace(batch);
          copied += batch.size();
        }
      }
    }
    return copied;
  }
}
