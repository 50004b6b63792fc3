package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.InvalidSegmentStructureException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SessionId;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The shape rules a write must pass before anything is written: a segment starts with its one
 * {@code segment_start}, which names the segment's session, and never holds a second one.
 */
final class EntryRules {
  private EntryRules() {}

  /**
   * Checks the entries of a new segment.
   *
   * @throws InvalidSegmentStructureException if the first entry is not a {@code segment_start} of
   *     {@code sessionId}, or a later entry is a {@code segment_start}
   */
  static void checkCreate(SessionId sessionId, List<LogEntry> entries) {
    Objects.requireNonNull(sessionId, "sessionId");
    if (entries.isEmpty()) {
      throw new InvalidSegmentStructureException(1, "a new segment needs its segment_start");
    }
    if (!(entries.get(0) instanceof LogEntry.SegmentStart start)) {
      throw new InvalidSegmentStructureException(
          1, "the first entry is " + entries.get(0).kind() + ", not segment_start");
    }
    if (!start.sessionId().equals(sessionId)) {
      throw new InvalidSegmentStructureException(
          1, "segment_start names session " + start.sessionId() + ", not " + sessionId);
    }
    checkAppend(() -> 1, entries.subList(1, entries.size()));
  }

  /**
   * Checks entries to be appended after {@code entryCountBefore} committed entries; the count is
   * only asked for to name a bad entry's position (reading it takes the writer's lock).
   *
   * @throws InvalidSegmentStructureException if an entry is a {@code segment_start}
   */
  static void checkAppend(LongSupplier entryCountBefore, List<LogEntry> entries) {
    for (int i = 0; i < entries.size(); i++) {
      LogEntry entry = Objects.requireNonNull(entries.get(i), "entry");
      if (entry instanceof LogEntry.SegmentStart) {
        throw new InvalidSegmentStructureException(
            entryCountBefore.getAsLong() + i + 1,
            "a second segment_start; a segment has exactly one, as its first entry");
      }
    }
  }
}
