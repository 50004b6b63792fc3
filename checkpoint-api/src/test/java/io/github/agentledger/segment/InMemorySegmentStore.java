package io.github.agentledger.segment;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A test-only in-memory {@link SegmentStore}, the reference the contract suite is proven against.
 * Thread-safe: every operation holds the store's monitor.
 */
final class InMemorySegmentStore implements SegmentStore {
  private static final class Segment {
    final List<LogEntry> entries = new ArrayList<>();
    final List<TraceRecord> trace = new ArrayList<>();
    final Set<Long> corruptLines = new HashSet<>();
    boolean locked;
    Instant modified;
  }

  private final Map<SessionId, Map<SegmentId, Segment>> sessions = new HashMap<>();
  private final Map<ConversationKey, SessionId> keys = new HashMap<>();
  private final Map<SessionId, Map<String, JsonText>> attributes = new HashMap<>();
  private final Clock clock;

  /** Creates a store whose modification times all read 2026-11-21T00:00:00Z. */
  InMemorySegmentStore() {
    this(new TestClock(Instant.parse("2026-11-21T00:00:00Z")));
  }

  /** Creates a store whose modification times come from {@code clock}. */
  InMemorySegmentStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void create(
      SessionId sessionId, SegmentId segmentId, List<LogEntry> entries) {
    if (exists(sessionId, segmentId)) {
      throw new SegmentAlreadyExistsException(sessionId, segmentId);
    }
    if (entries.isEmpty() || !(entries.get(0) instanceof LogEntry.SegmentStart start)) {
      throw new InvalidSegmentStructureException(1, "the first entry must be a segment_start");
    }
    if (!start.sessionId().equals(sessionId)) {
      throw new InvalidSegmentStructureException(
          1, "segment_start names session " + start.sessionId() + ", not " + sessionId);
    }
    requireNoStart(entries.subList(1, entries.size()), 1);
    Segment segment = new Segment();
    segment.entries.addAll(entries);
    segment.modified = clock.instant();
    sessions.computeIfAbsent(sessionId, s -> new HashMap<>()).put(segmentId, segment);
  }

  @Override
  public synchronized SegmentWriter openWriter(SessionId sessionId, SegmentId segmentId) {
    Segment segment = segment(sessionId, segmentId);
    if (segment.locked) {
      throw new SegmentLockedException(sessionId, segmentId);
    }
    segment.locked = true;
    return new Writer(sessionId, segmentId, segment);
  }

  @Override
  public long append(SessionId sessionId, SegmentId segmentId, List<LogEntry> entries) {
    try (SegmentWriter writer = openWriter(sessionId, segmentId)) {
      return writer.append(entries);
    }
  }

  @Override
  public long append(
      SessionId sessionId, SegmentId segmentId, long expectedEntryCount, List<LogEntry> entries) {
    try (SegmentWriter writer = openWriter(sessionId, segmentId)) {
      return writer.append(expectedEntryCount, entries);
    }
  }

  @Override
  public synchronized Stream<LogEntry> read(SessionId sessionId, SegmentId segmentId) {
    Segment segment = segment(sessionId, segmentId);
    List<LogEntry> snapshot = List.copyOf(segment.entries);
    Set<Long> corrupt = Set.copyOf(segment.corruptLines);
    String location = "memory:" + sessionId + "/" + segmentId;
    Iterator<LogEntry> lazy =
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < snapshot.size();
          }

          @Override
          public LogEntry next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            long line = next + 1;
            if (corrupt.contains(line)) {
              throw new CorruptSegmentException(location, line, next, "is corrupt", null);
            }
            return snapshot.get(next++);
          }
        };
    return StreamSupport.stream(
        Spliterators.spliterator(lazy, snapshot.size(), Spliterator.ORDERED), false);
  }

  @Override
  public RestoredState restore(SessionId sessionId, SegmentId segmentId) {
    try (Stream<LogEntry> entries = read(sessionId, segmentId)) {
      return RestoredState.replay(entries.iterator());
    }
  }

  @Override
  public synchronized long entryCount(SessionId sessionId, SegmentId segmentId) {
    return segment(sessionId, segmentId).entries.size();
  }

  @Override
  public synchronized List<SessionId> listSessions() {
    return sessions.keySet().stream().sorted(Comparator.reverseOrder()).toList();
  }

  @Override
  public synchronized List<SegmentId> listSegments(SessionId sessionId) {
    return new TreeMap<>(sessions.getOrDefault(sessionId, Map.of()))
        .descendingKeySet().stream().toList();
  }

  @Override
  public synchronized boolean exists(SessionId sessionId, SegmentId segmentId) {
    return sessions.getOrDefault(sessionId, Map.of()).containsKey(segmentId);
  }

  @Override
  public void truncate(SessionId sessionId, SegmentId segmentId, long entryCount) {
    try (SegmentWriter writer = openWriter(sessionId, segmentId)) {
      writer.truncate(entryCount);
    }
  }

  @Override
  public void appendTrace(SessionId sessionId, SegmentId segmentId, List<TraceRecord> records) {
    try (SegmentWriter writer = openWriter(sessionId, segmentId)) {
      writer.appendTrace(records);
    }
  }

  @Override
  public synchronized Stream<TraceRecord> readTrace(SessionId sessionId, SegmentId segmentId) {
    return List.copyOf(segment(sessionId, segmentId).trace).stream();
  }

  @Override
  public synchronized Optional<Instant> lastModified(SessionId sessionId) {
    return sessions.getOrDefault(sessionId, Map.of()).values().stream()
        .map(segment -> segment.modified)
        .max(Comparator.naturalOrder());
  }

  @Override
  public synchronized boolean deleteSession(SessionId sessionId) {
    Map<SegmentId, Segment> segments = sessions.getOrDefault(sessionId, Map.of());
    for (Map.Entry<SegmentId, Segment> segment : segments.entrySet()) {
      if (segment.getValue().locked) {
        throw new SegmentLockedException(sessionId, segment.getKey());
      }
    }
    keys.values().removeIf(sessionId::equals);
    attributes.remove(sessionId);
    return sessions.remove(sessionId) != null;
  }

  @Override
  public synchronized SessionId bindKey(ConversationKey key, SessionId sessionId) {
    SessionId bound = keys.get(key);
    if (bound != null) {
      return bound;
    }
    requireSession(sessionId);
    keys.put(key, sessionId);
    return sessionId;
  }

  @Override
  public synchronized void rebindKey(
      ConversationKey key, SessionId expected, SessionId replacement) {
    SessionId bound = keys.get(key);
    if (bound == null || !bound.equals(expected)) {
      throw new KeyBindingConflictException(key, expected, Optional.ofNullable(bound));
    }
    requireSession(replacement);
    keys.put(key, replacement);
  }

  @Override
  public synchronized Optional<SessionId> lookupKey(ConversationKey key) {
    return Optional.ofNullable(keys.get(key));
  }

  @Override
  public synchronized List<KeyBinding> listKeys() {
    return keys.entrySet().stream()
        .map(e -> new KeyBinding(e.getKey(), e.getValue()))
        .sorted(Comparator.comparing(binding -> binding.key().value()))
        .toList();
  }

  @Override
  public synchronized boolean unbindKey(ConversationKey key) {
    return keys.remove(key) != null;
  }

  @Override
  public synchronized Map<String, JsonText> sessionAttributes(SessionId sessionId) {
    return Collections.unmodifiableMap(
        new TreeMap<>(attributes.getOrDefault(sessionId, Map.of())));
  }

  @Override
  public synchronized void putSessionAttributes(
      SessionId sessionId, Map<String, JsonText> values) {
    requireSession(sessionId);
    attributes.computeIfAbsent(sessionId, s -> new TreeMap<>()).putAll(Map.copyOf(values));
  }

  @Override
  public synchronized boolean removeSessionAttribute(SessionId sessionId, String name) {
    Map<String, JsonText> values = attributes.get(sessionId);
    return values != null && values.remove(name) != null;
  }

  /**
   * Renders each entry as a line holding its kind and ts only: this store keeps objects, not
   * JSON, and the contract checks only that every committed entry is one line.
   */
  @Override
  public synchronized InputStream openJsonl(SessionId sessionId, SegmentId segmentId) {
    StringBuilder lines = new StringBuilder();
    for (LogEntry entry : segment(sessionId, segmentId).entries) {
      lines.append("{\"kind\":\"").append(entry.kind()).append("\",\"ts\":")
          .append(entry.ts()).append("}\n");
    }
    return new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void requireSession(SessionId sessionId) {
    if (sessions.getOrDefault(sessionId, Map.of()).isEmpty()) {
      throw new SessionNotFoundException(sessionId);
    }
  }

  /** Test hook: sets the modification time of every segment of a session. */
  synchronized void setLastModified(SessionId sessionId, Instant time) {
    sessions.getOrDefault(sessionId, Map.of()).values().forEach(segment -> segment.modified = time);
  }

  /** Test hook: makes a committed line unreadable, as a corrupt file line would be. */
  synchronized void corrupt(SessionId sessionId, SegmentId segmentId, long lineNumber) {
    segment(sessionId, segmentId).corruptLines.add(lineNumber);
  }

  private Segment segment(SessionId sessionId, SegmentId segmentId) {
    Segment segment = sessions.getOrDefault(sessionId, Map.of()).get(segmentId);
    if (segment == null) {
      throw new SegmentNotFoundException(sessionId, segmentId);
    }
    return segment;
  }

  private static void requireNoStart(List<LogEntry> entries, long before) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) instanceof LogEntry.SegmentStart) {
        throw new InvalidSegmentStructureException(before + i + 1, "a second segment_start");
      }
    }
  }

  private final class Writer implements SegmentWriter {
    private final SessionId sessionId;
    private final SegmentId segmentId;
    private final Segment segment;
    private boolean closed;

    Writer(SessionId sessionId, SegmentId segmentId, Segment segment) {
      this.sessionId = sessionId;
      this.segmentId = segmentId;
      this.segment = segment;
    }

    @Override
    public SessionId sessionId() {
      return sessionId;
    }

    @Override
    public SegmentId segmentId() {
      return segmentId;
    }

    @Override
    public long entryCount() {
      synchronized (InMemorySegmentStore.this) {
        requireOpen();
        return segment.entries.size();
      }
    }

    @Override
    public long append(List<LogEntry> entries) {
      synchronized (InMemorySegmentStore.this) {
        return append(segment.entries.size(), entries);
      }
    }

    @Override
    public long append(long expectedEntryCount, List<LogEntry> entries) {
      synchronized (InMemorySegmentStore.this) {
        requireOpen();
        long actual = segment.entries.size();
        if (actual != expectedEntryCount) {
          throw new SegmentConflictException(sessionId, segmentId, expectedEntryCount, actual);
        }
        requireNoStart(entries, actual);
        if (!entries.isEmpty()) {
          segment.entries.addAll(entries);
          segment.modified = clock.instant();
        }
        return segment.entries.size();
      }
    }

    @Override
    public void truncate(long entryCount) {
      synchronized (InMemorySegmentStore.this) {
        requireOpen();
        int size = segment.entries.size();
        if (entryCount < 1 || entryCount > size) {
          throw new EntryCountOutOfRangeException(sessionId, segmentId, entryCount, size);
        }
        segment.entries.subList((int) entryCount, size).clear();
        segment.corruptLines.removeIf(line -> line > entryCount);
        segment.modified = clock.instant();
      }
    }

    @Override
    public void appendTrace(List<TraceRecord> records) {
      synchronized (InMemorySegmentStore.this) {
        requireOpen();
        if (!records.isEmpty()) {
          segment.trace.addAll(records);
          segment.modified = clock.instant();
        }
      }
    }

    @Override
    public void close() {
      synchronized (InMemorySegmentStore.this) {
        if (!closed) {
          closed = true;
          segment.locked = false;
        }
      }
    }

    private void requireOpen() {
      if (closed) {
        throw new IllegalStateException("writer of segment " + segmentId + " is closed");
      }
    }
  }
}
