package io.github.agentledger.segment.lineage;

import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Retention of a {@link SegmentStore}'s sessions: list them with their last modification time,
 * delete one, prune by age or by count. Every operation reports exactly what it removed; none
 * removes anything silently, and each has a {@link RetentionMode#DRY_RUN} that removes nothing.
 *
 * <p>A session is deleted whole (every segment and trace) or not at all. A session one of whose
 * segments is held by a writer is skipped ({@link SkipReason#HELD_BY_WRITER}); a session written
 * between its selection and its deletion is skipped too ({@link
 * SkipReason#MODIFIED_SINCE_SELECTED}), as far as the store's modification times can tell (a write
 * racing the deletion itself can still be lost with the session). Thread-safe when the store is.
 */
public final class SegmentRetention {
  private static final Comparator<StoredSession> MOST_RECENT_FIRST =
      Comparator.comparing(StoredSession::lastModified)
          .thenComparing(StoredSession::sessionId)
          .reversed();

  private final SegmentStore store;
  private final Clock clock;

  private SegmentRetention(SegmentStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates the retention of a store.
   *
   * @param store the store
   * @param clock the time ages are measured against
   * @return the retention
   */
  public static SegmentRetention over(SegmentStore store, Clock clock) {
    return new SegmentRetention(store, clock);
  }

  /**
   * Lists the sessions with their last modification time.
   *
   * @return the sessions, most recently modified first (ties: newest id first)
   * @throws SegmentIoException if the storage fails
   */
  public List<StoredSession> sessions() {
    List<StoredSession> sessions = new ArrayList<>();
    for (SessionId id : store.listSessions()) {
      summary(id).ifPresent(sessions::add);
    }
    sessions.sort(MOST_RECENT_FIRST);
    return List.copyOf(sessions);
  }

  /**
   * Deletes one session.
   *
   * @param sessionId the session
   * @param mode delete, or only report
   * @return the session removed, or nothing when it did not exist
   * @throws SegmentLockedException if a writer holds one of its segments; nothing was deleted
   * @throws SegmentIoException if the storage fails
   */
  public RetentionReport delete(SessionId sessionId, RetentionMode mode) {
    Objects.requireNonNull(mode, "mode");
    Optional<StoredSession> summary = summary(sessionId);
    if (summary.isEmpty()) {
      return new RetentionReport(mode, List.of(), List.of());
    }
    if (mode == RetentionMode.DELETE && !store.deleteSession(sessionId)) {
      return new RetentionReport(mode, List.of(), List.of());
    }
    return new RetentionReport(mode, List.of(summary.get()), List.of());
  }

  /**
   * Deletes the sessions last modified more than {@code maxAge} ago.
   *
   * @param maxAge the age a session must exceed to be removed; not negative
   * @param mode delete, or only report
   * @return what was removed and what was skipped
   * @throws IllegalArgumentException if {@code maxAge} is negative
   * @throws SegmentIoException if the storage fails
   */
  public RetentionReport pruneOlderThan(Duration maxAge, RetentionMode mode) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge is negative: " + maxAge);
    }
    Instant cutoff = clock.instant().minus(maxAge);
    List<StoredSession> selected = new ArrayList<>();
    for (StoredSession session : sessions()) {
      if (session.lastModified().isBefore(cutoff)) {
        selected.add(session);
      }
    }
    return remove(selected, mode);
  }

  /**
   * Keeps the {@code count} most recently modified sessions and deletes the others.
   *
   * @param count the sessions to keep; not negative
   * @param mode delete, or only report
   * @return what was removed and what was skipped
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws SegmentIoException if the storage fails
   */
  public RetentionReport keepNewest(int count, RetentionMode mode) {
    if (count < 0) {
      throw new IllegalArgumentException("count is negative: " + count);
    }
    List<StoredSession> sessions = sessions();
    List<StoredSession> selected =
        count >= sessions.size() ? List.of() : sessions.subList(count, sessions.size());
    return remove(selected, mode);
  }

  private RetentionReport remove(List<StoredSession> selected, RetentionMode mode) {
    Objects.requireNonNull(mode, "mode");
    if (mode == RetentionMode.DRY_RUN) {
      return new RetentionReport(mode, selected, List.of());
    }
    List<StoredSession> removed = new ArrayList<>();
    List<SkippedSession> skipped = new ArrayList<>();
    for (StoredSession session : selected) {
      Optional<Instant> now = store.lastModified(session.sessionId());
      if (now.isEmpty()) {
        continue;
      }
      if (!now.get().equals(session.lastModified())) {
        skipped.add(new SkippedSession(session, SkipReason.MODIFIED_SINCE_SELECTED));
        continue;
      }
      try {
        if (store.deleteSession(session.sessionId())) {
          removed.add(session);
        }
      } catch (SegmentLockedException e) {
        skipped.add(new SkippedSession(session, SkipReason.HELD_BY_WRITER));
      }
    }
    return new RetentionReport(mode, removed, skipped);
  }

  private Optional<StoredSession> summary(SessionId sessionId) {
    Optional<Instant> modified = store.lastModified(sessionId);
    if (modified.isEmpty()) {
      return Optional.empty();
    }
    int segments = store.listSegments(sessionId).size();
    return Optional.of(new StoredSession(sessionId, modified.get(), segments));
  }
}
