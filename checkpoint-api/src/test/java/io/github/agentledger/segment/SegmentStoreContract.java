// Longer than 400 lines on purpose: one contract suite per interface (STYLE rule 24), so every
// implementation runs every check; splitting it would let an implementation skip a part.
package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SegmentStore} must have; run against each implementation by
 * subclassing. Each rejected operation is also checked to have changed nothing.
 */
public abstract class SegmentStoreContract {
  /** {@return a fresh, empty store} */
  protected abstract SegmentStore newStore();

  /**
   * Makes committed line {@code lineNumber} (1-based) of a segment unreadable, the way a damaged
   * storage medium would.
   */
  protected abstract void corruptLine(
      SegmentStore store, SessionId sessionId, SegmentId segmentId, long lineNumber);

  private SegmentStore store;
  private IdGenerator ids;
  private SessionId session;
  private SegmentId segment;

  @BeforeEach
  protected void setUpStore() {
    store = newStore();
    ids =
        IdGenerator.create(
            Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC),
            new SplittableRandom(42));
    session = ids.newSessionId();
    segment = ids.newSegmentId();
  }

  @AfterEach
  protected void closeStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private List<LogEntry> created() {
    List<LogEntry> entries = new ArrayList<>();
    entries.add(LogEntryFixtures.start(session));
    entries.add(new LogEntry.Invoke(10, InvokeTrigger.USER_SEND));
    store.create(session, segment, entries);
    return entries;
  }

  private List<LogEntry> all(SessionId sessionId, SegmentId segmentId) {
    try (Stream<LogEntry> entries = store.read(sessionId, segmentId)) {
      return entries.toList();
    }
  }

  private static LogEntry turnEnd(long n) {
    return new LogEntry.TurnEnd(100 + n, n);
  }

  @Test
  public void createdSegmentReadsBackItsEntriesAndIsListed() {
    List<LogEntry> entries = created();

    assertThat(all(session, segment)).isEqualTo(entries);
    assertThat(store.exists(session, segment)).isTrue();
    assertThat(store.entryCount(session, segment)).isEqualTo(2);
    assertThat(store.listSessions()).containsExactly(session);
    assertThat(store.listSegments(session)).containsExactly(segment);
  }

  @Test
  public void everyEntryKindAndVariantSurvivesTheStore() {
    for (LogEntry.SegmentStart start : LogEntryFixtures.startVariants(session)) {
      SegmentId id = ids.newSegmentId();
      List<LogEntry> entries = new ArrayList<>();
      entries.add(start);
      entries.addAll(LogEntryFixtures.body());
      store.create(session, id, List.of(start));
      store.append(session, id, LogEntryFixtures.body());

      assertThat(all(session, id)).isEqualTo(entries);
    }
  }

  @Test
  public void conversationEntriesSurviveTheStoreAndReplay() {
    List<LogEntry> entries = new ArrayList<>();
    entries.add(LogEntryFixtures.start(session));
    entries.addAll(LogEntryFixtures.body());
    store.create(session, segment, entries.subList(0, 1));
    store.append(session, segment, LogEntryFixtures.body());
    store.append(session, segment, LogEntryFixtures.conversationEntries());
    entries.addAll(LogEntryFixtures.conversationEntries());

    assertThat(all(session, segment)).isEqualTo(entries);
    RestoredState state = store.restore(session, segment);
    assertThat(state).isEqualTo(RestoredState.replay(entries.iterator()));
    assertThat(state.systemPrompt()).isEmpty();
    assertThat(state.visibleHistory()).isEmpty();
  }

  @Test
  public void createRejectsAnExistingSegmentAndKeepsIt() {
    List<LogEntry> entries = created();

    assertThatThrownBy(
            () -> store.create(session, segment, List.of(LogEntryFixtures.start(session))))
        .isInstanceOfSatisfying(
            SegmentAlreadyExistsException.class,
            e -> {
              assertThat(e.sessionId()).isEqualTo(session);
              assertThat(e.segmentId()).isEqualTo(segment);
            });
    assertThat(all(session, segment)).isEqualTo(entries);
  }

  @Test
  public void createRejectsABadShapeAndCreatesNothing() {
    SessionId other = ids.newSessionId();
    List<List<LogEntry>> bad =
        List.of(
            List.of(),
            List.of(turnEnd(1)),
            List.of(turnEnd(1), LogEntryFixtures.start(session)),
            List.of(LogEntryFixtures.start(other)),
            List.of(LogEntryFixtures.start(session), turnEnd(1), LogEntryFixtures.start(session)));
    for (List<LogEntry> entries : bad) {
      assertThatThrownBy(() -> store.create(session, segment, entries))
          .as("create %s", entries)
          .isInstanceOf(InvalidSegmentStructureException.class);
      assertThat(store.exists(session, segment)).isFalse();
      assertThat(store.listSegments(session)).isEmpty();
      assertThat(store.listSessions()).isEmpty();
    }
  }

  @Test
  public void secondSegmentStartIsReportedWithItsPosition() {
    List<LogEntry> entries =
        List.of(LogEntryFixtures.start(session), turnEnd(1), LogEntryFixtures.start(session));

    assertThatThrownBy(() -> store.create(session, segment, entries))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class, e -> assertThat(e.entryNumber()).isEqualTo(3));
  }

  @Test
  public void operationsOnAMissingSegmentFailWithNotFoundAndCreateNothing() {
    List<Runnable> operations =
        List.of(
            () -> store.append(session, segment, List.of(turnEnd(1))),
            () -> store.append(session, segment, 1, List.of(turnEnd(1))),
            () -> store.openWriter(session, segment),
            () -> store.read(session, segment).close(),
            () -> store.restore(session, segment),
            () -> store.entryCount(session, segment),
            () -> store.truncate(session, segment, 1));
    for (Runnable operation : operations) {
      assertThatThrownBy(operation::run)
          .isInstanceOfSatisfying(
              SegmentNotFoundException.class,
              e -> {
                assertThat(e.sessionId()).isEqualTo(session);
                assertThat(e.segmentId()).isEqualTo(segment);
              });
      assertThat(store.exists(session, segment)).isFalse();
      assertThat(store.listSessions()).isEmpty();
    }
  }

  @Test
  public void segmentOfAnotherSessionIsNotFound() {
    created();
    SessionId other = ids.newSessionId();

    assertThat(store.exists(other, segment)).isFalse();
    assertThatThrownBy(() -> store.entryCount(other, segment))
        .isInstanceOf(SegmentNotFoundException.class);
    assertThat(store.listSegments(other)).isEmpty();
  }

  @Test
  public void appendAddsEntriesInOrderAndReturnsTheNewCount() {
    List<LogEntry> entries = new ArrayList<>(created());

    assertThat(store.append(session, segment, List.of(turnEnd(1), turnEnd(2)))).isEqualTo(4);
    assertThat(store.append(session, segment, List.of())).isEqualTo(4);
    assertThat(store.append(session, segment, 4, List.of(turnEnd(3)))).isEqualTo(5);

    entries.addAll(List.of(turnEnd(1), turnEnd(2), turnEnd(3)));
    assertThat(all(session, segment)).isEqualTo(entries);
    assertThat(store.entryCount(session, segment)).isEqualTo(5);
  }

  @Test
  public void appendOfASegmentStartIsRejectedWholeBatch() {
    List<LogEntry> entries = created();
    List<LogEntry> batch = List.of(turnEnd(1), LogEntryFixtures.start(session), turnEnd(2));

    assertThatThrownBy(() -> store.append(session, segment, batch))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class, e -> assertThat(e.entryNumber()).isEqualTo(4));
    assertThatThrownBy(() -> store.append(session, segment, 2, batch))
        .isInstanceOf(InvalidSegmentStructureException.class);
    assertThat(all(session, segment)).isEqualTo(entries);
  }

  @Test
  public void compareAndAppendWithAStaleCountConflictsAndChangesNothing() {
    List<LogEntry> entries = created();

    for (long stale : new long[] {0, 1, 3, 100}) {
      assertThatThrownBy(() -> store.append(session, segment, stale, List.of(turnEnd(1))))
          .isInstanceOfSatisfying(
              SegmentConflictException.class,
              e -> {
                assertThat(e.expectedEntryCount()).isEqualTo(stale);
                assertThat(e.actualEntryCount()).isEqualTo(2);
                assertThat(e.segmentId()).isEqualTo(segment);
                assertThat(e.sessionId()).isEqualTo(session);
              });
    }
    assertThat(all(session, segment)).isEqualTo(entries);
  }

  @Test
  public void writerAppendsCountsAndTruncates() {
    List<LogEntry> entries = new ArrayList<>(created());
    try (SegmentWriter writer = store.openWriter(session, segment)) {
      assertThat(writer.sessionId()).isEqualTo(session);
      assertThat(writer.segmentId()).isEqualTo(segment);
      assertThat(writer.entryCount()).isEqualTo(2);
      assertThat(writer.append(List.of(turnEnd(1)))).isEqualTo(3);
      assertThat(writer.append(3, List.of(turnEnd(2), turnEnd(3)))).isEqualTo(5);
      assertThat(writer.entryCount()).isEqualTo(5);
      assertThat(store.entryCount(session, segment)).isEqualTo(5);

      writer.truncate(3);
      assertThat(writer.entryCount()).isEqualTo(3);
      assertThat(writer.append(3, List.of(turnEnd(9)))).isEqualTo(4);
    }
    entries.addAll(List.of(turnEnd(1), turnEnd(9)));
    assertThat(all(session, segment)).isEqualTo(entries);
  }

  @Test
  public void writerRejectsAStaleCountAndASegmentStart() {
    List<LogEntry> entries = created();
    try (SegmentWriter writer = store.openWriter(session, segment)) {
      assertThatThrownBy(() -> writer.append(1, List.of(turnEnd(1))))
          .isInstanceOfSatisfying(
              SegmentConflictException.class, e -> assertThat(e.actualEntryCount()).isEqualTo(2));
      assertThatThrownBy(() -> writer.append(List.of(LogEntryFixtures.start(session))))
          .isInstanceOf(InvalidSegmentStructureException.class);
      assertThat(writer.entryCount()).isEqualTo(2);
    }
    assertThat(all(session, segment)).isEqualTo(entries);
  }

  @Test
  public void truncateKeepsThePrefix() {
    List<LogEntry> entries = new ArrayList<>(created());
    store.append(session, segment, List.of(turnEnd(1), turnEnd(2)));

    store.truncate(session, segment, 3);
    assertThat(all(session, segment))
        .isEqualTo(List.of(entries.get(0), entries.get(1), turnEnd(1)));
    store.truncate(session, segment, 3);
    assertThat(store.entryCount(session, segment)).isEqualTo(3);
    store.truncate(session, segment, 1);
    assertThat(all(session, segment)).containsExactly(entries.get(0));
  }

  @Test
  public void truncateOutOfRangeIsRejectedAndChangesNothing() {
    List<LogEntry> entries = created();

    for (long bad : new long[] {-1, 0, 3, Long.MAX_VALUE}) {
      assertThatThrownBy(() -> store.truncate(session, segment, bad))
          .isInstanceOfSatisfying(
              EntryCountOutOfRangeException.class,
              e -> {
                assertThat(e.requestedEntryCount()).isEqualTo(bad);
                assertThat(e.actualEntryCount()).isEqualTo(2);
              });
      try (SegmentWriter writer = store.openWriter(session, segment)) {
        assertThatThrownBy(() -> writer.truncate(bad))
            .isInstanceOf(EntryCountOutOfRangeException.class);
        assertThat(writer.entryCount()).isEqualTo(2);
      }
    }
    assertThat(all(session, segment)).isEqualTo(entries);
  }

  @Test
  public void anOpenWriterLocksOutEveryOtherWriteButNotReads() {
    List<LogEntry> entries = created();
    try (SegmentWriter writer = store.openWriter(session, segment)) {
      List<Runnable> writes =
          List.of(
              () -> store.openWriter(session, segment),
              () -> store.append(session, segment, List.of(turnEnd(1))),
              () -> store.append(session, segment, 2, List.of(turnEnd(1))),
              () -> store.truncate(session, segment, 1));
      for (Runnable write : writes) {
        assertThatThrownBy(write::run)
            .isInstanceOfSatisfying(
                SegmentLockedException.class,
                e -> {
                  assertThat(e.segmentId()).isEqualTo(segment);
                  assertThat(e.sessionId()).isEqualTo(session);
                });
      }
      assertThat(all(session, segment)).isEqualTo(entries);
      assertThat(store.entryCount(session, segment)).isEqualTo(2);
      assertThat(store.restore(session, segment).entryCount()).isEqualTo(2);
      assertThat(writer.entryCount()).isEqualTo(2);
    }
    try (SegmentWriter again = store.openWriter(session, segment)) {
      assertThat(again.append(List.of(turnEnd(1)))).isEqualTo(3);
    }
  }

  @Test
  public void writersOfDifferentSegmentsDoNotLockEachOther() {
    created();
    SegmentId second = ids.newSegmentId();
    store.create(session, second, List.of(LogEntryFixtures.start(session)));
    try (SegmentWriter a = store.openWriter(session, segment);
        SegmentWriter b = store.openWriter(session, second)) {
      assertThat(a.append(List.of(turnEnd(1)))).isEqualTo(3);
      assertThat(b.append(List.of(turnEnd(1)))).isEqualTo(2);
    }
  }

  @Test
  public void racingWritersGetExactlyOneLock() throws Exception {
    created();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch decided = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger winners = new AtomicInteger();
    AtomicInteger losers = new AtomicInteger();
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        tasks.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  try (SegmentWriter writer = store.openWriter(session, segment)) {
                    winners.incrementAndGet();
                    decided.countDown();
                    release.await();
                  } catch (SegmentLockedException e) {
                    losers.incrementAndGet();
                    decided.countDown();
                  }
                  return null;
                }));
      }
      ready.await();
      go.countDown();
      assertThat(decided.await(30, TimeUnit.SECONDS)).isTrue();
      // Every thread has tried while the winner still holds the lock.
      assertThat(winners.get()).isEqualTo(1);
      assertThat(losers.get()).isEqualTo(threads - 1);
      release.countDown();
      for (Future<?> task : tasks) {
        task.get(30, TimeUnit.SECONDS);
      }
      assertThat(store.append(session, segment, List.of(turnEnd(1)))).isEqualTo(3);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  public void closedWriterRefusesWorkAndClosingTwiceIsHarmless() {
    created();
    SegmentWriter writer = store.openWriter(session, segment);
    writer.close();
    writer.close();

    assertThatThrownBy(() -> writer.append(List.of(turnEnd(1))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> writer.truncate(1)).isInstanceOf(IllegalStateException.class);
    assertThat(store.entryCount(session, segment)).isEqualTo(2);
  }

  @Test
  public void restoreReplaysTheSegment() {
    created();
    store.append(
        session,
        segment,
        List.of(
            new LogEntry.UserInput(11, List.of(new UserSegment.Text("hi")), List.of()),
            new LogEntry.AssistantItem(12, HistoryItem.Message.text(Role.ASSISTANT, "hello")),
            turnEnd(1),
            new LogEntry.RunCompleted(13, false, RunResult.FINISHED)));

    RestoredState state = store.restore(session, segment);

    assertThat(state.sessionId()).isEqualTo(session);
    assertThat(state.entryCount()).isEqualTo(6);
    assertThat(state.turnCount()).isEqualTo(1);
    assertThat(state.lastRunInterrupted()).isFalse();
    assertThat(state.history())
        .containsExactly(
            HistoryItem.Message.text(Role.USER, "hi"),
            HistoryItem.Message.text(Role.ASSISTANT, "hello"));
    try (Stream<LogEntry> entries = store.read(session, segment)) {
      assertThat(state).isEqualTo(RestoredState.replay(entries.iterator()));
    }
  }

  @Test
  public void restoreFromAnEarlierStateAppliesOnlyTheTail() {
    created();
    RestoredState earlier = store.restore(session, segment);
    store.append(
        session,
        segment,
        List.of(
            new LogEntry.UserInput(11, List.of(new UserSegment.Text("more")), List.of()),
            turnEnd(1)));

    RestoredState resumed = store.restore(session, segment, earlier);

    assertThat(resumed).isEqualTo(store.restore(session, segment));
    assertThat(resumed.entryCount()).isEqualTo(4);
    assertThat(store.restore(session, segment, resumed)).isEqualTo(resumed);
  }

  @Test
  public void restoreFromAStateNewerThanTheSegmentIsAConflict() {
    created();
    store.append(session, segment, List.of(turnEnd(1), turnEnd(2)));
    RestoredState later = store.restore(session, segment);
    store.truncate(session, segment, 2);

    assertThatThrownBy(() -> store.restore(session, segment, later))
        .isInstanceOfSatisfying(
            SegmentConflictException.class,
            e -> {
              assertThat(e.expectedEntryCount()).isEqualTo(4);
              assertThat(e.actualEntryCount()).isEqualTo(2);
            });
  }

  @Test
  public void restoreFromAStateOfAnotherSessionIsRejected() {
    created();
    SessionId other = ids.newSessionId();
    SegmentId otherSegment = ids.newSegmentId();
    store.create(other, otherSegment, List.of(LogEntryFixtures.start(other)));
    RestoredState foreign = store.restore(other, otherSegment);

    assertThatThrownBy(() -> store.restore(session, segment, foreign))
        .isInstanceOf(InvalidSegmentStructureException.class)
        .hasMessageContaining(other.toString());
  }

  @Test
  public void readIsLazyAndSeesTheSegmentAsOfTheRead() {
    created();
    try (Stream<LogEntry> entries = store.read(session, segment)) {
      assertThat(entries.findFirst()).contains(LogEntryFixtures.start(session));
    }
  }

  @Test
  public void aCorruptLineFailsTheReadWhereItIsAndTheStoreStaysUsable() {
    created();
    store.append(session, segment, List.of(turnEnd(1), turnEnd(2)));
    corruptLine(store, session, segment, 3);

    List<LogEntry> seen = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (Stream<LogEntry> entries = store.read(session, segment)) {
                entries.forEach(seen::add);
              }
            })
        .isInstanceOfSatisfying(
            CorruptSegmentException.class, e -> assertThat(e.lineNumber()).isEqualTo(3));
    assertThat(seen).hasSize(2);
    assertThatThrownBy(() -> store.restore(session, segment))
        .isInstanceOf(CorruptSegmentException.class);
    assertThat(store.exists(session, segment)).isTrue();
  }

  @Test
  public void listingsAreNewestFirst() {
    SessionId older = ids.newSessionId();
    SessionId newer = ids.newSessionId();
    SegmentId s1 = ids.newSegmentId();
    SegmentId s2 = ids.newSegmentId();
    SegmentId s3 = ids.newSegmentId();
    store.create(older, s1, List.of(LogEntryFixtures.start(older)));
    store.create(newer, s3, List.of(LogEntryFixtures.start(newer)));
    store.create(newer, s2, List.of(LogEntryFixtures.start(newer)));

    assertThat(store.listSessions()).containsExactly(newer, older);
    assertThat(store.listSegments(newer)).containsExactly(s3, s2);
    assertThat(store.listSegments(older)).containsExactly(s1);
  }

  @Test
  public void unknownEntriesAreKeptExactly() {
    created();
    LogEntry.Unknown unknown =
        new LogEntry.Unknown("hologram", 5, "{\"kind\":\"hologram\", \"ts\":5,\"a\":[ 1 ]}");
    store.append(session, segment, List.of(unknown));

    assertThat(all(session, segment).get(2)).isEqualTo(unknown);
    assertThat(store.restore(session, segment).entryCount()).isEqualTo(3);
  }

  @Test
  public void createWithSeveralEntriesIsOneStep() {
    LogEntry.SegmentStart start =
        new LogEntry.SegmentStart(
            1,
            session,
            Optional.of("p"),
            RequestConfig.defaults(),
            LogEntryFixtures.historyItems(),
            Optional.of(new SegmentOrigin(session, ids.newSegmentId(), 4)),
            Optional.empty(),
            4);
    LogEntry carried =
        new LogEntry.Extension(
            2, new ExtensionPayload("flow.runtime.v1", JsonText.of("{\"state\":\"x\"}")));

    store.create(session, segment, List.of(start, carried));

    RestoredState state = store.restore(session, segment);
    assertThat(state.turnCount()).isEqualTo(4);
    assertThat(state.forkedFrom()).isEqualTo(start.forkedFrom());
    assertThat(state.latestExtensions())
        .containsEntry("flow.runtime.v1", JsonText.of("{\"state\":\"x\"}"));
  }

  private static List<TraceRecord> traces(int from, int to) {
    List<TraceRecord> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(
          TraceRecord.of(
              "{\"ts\":" + i + ",\"turn\":0,\"llm_call\":" + i
                  + ",\"kind\":\"lifecycle\",\"label\":\"stream_open_start\"}"));
    }
    return records;
  }

  private List<TraceRecord> traceOf(SessionId sessionId, SegmentId segmentId) {
    try (Stream<TraceRecord> records = store.readTrace(sessionId, segmentId)) {
      return records.toList();
    }
  }

  @Test
  public void tracesReadBackInOrderAndNeverChangeTheLog() {
    List<LogEntry> entries = created();
    RestoredState before = store.restore(session, segment);
    assertThat(traceOf(session, segment)).isEmpty();

    store.appendTrace(session, segment, traces(0, 2));
    store.appendTrace(session, segment, List.of());
    try (SegmentWriter writer = store.openWriter(session, segment)) {
      writer.appendTrace(traces(2, 3));
      assertThat(writer.entryCount()).isEqualTo(2);
      assertThat(writer.append(List.of(turnEnd(1)))).isEqualTo(3);
      writer.appendTrace(traces(3, 5));
    }

    assertThat(traceOf(session, segment)).isEqualTo(traces(0, 5));
    assertThat(store.entryCount(session, segment)).isEqualTo(3);
    assertThat(all(session, segment).subList(0, 2)).isEqualTo(entries);
    assertThat(store.restore(session, segment))
        .isEqualTo(before.resume(List.of(turnEnd(1)).iterator()));
    assertThat(store.listSegments(session)).containsExactly(segment);
  }

  @Test
  public void traceWritesNeedTheSegmentAndItsLock() {
    created();
    SegmentId missing = ids.newSegmentId();
    assertThatThrownBy(() -> store.appendTrace(session, missing, traces(0, 1)))
        .isInstanceOf(SegmentNotFoundException.class);
    assertThatThrownBy(() -> store.readTrace(session, missing).close())
        .isInstanceOf(SegmentNotFoundException.class);
    assertThat(store.exists(session, missing)).isFalse();
    try (SegmentWriter writer = store.openWriter(session, segment)) {
      assertThatThrownBy(() -> store.appendTrace(session, segment, traces(0, 1)))
          .isInstanceOf(SegmentLockedException.class);
    }
    SegmentWriter closed = store.openWriter(session, segment);
    closed.close();
    assertThatThrownBy(() -> closed.appendTrace(traces(0, 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(traceOf(session, segment)).isEmpty();
  }

  @Test
  public void traceRecordsMustBeJsonObjects() {
    assertThatThrownBy(() -> TraceRecord.of("[1]")).isInstanceOf(InvalidJsonException.class);
    assertThatThrownBy(() -> TraceRecord.of("{\"a\":")).isInstanceOf(InvalidJsonException.class);
    assertThat(TraceRecord.of("{ \"a\" : 1 }").json().text()).isEqualTo("{\"a\":1}");
  }

  @Test
  public void lastModifiedIsKnownForASessionWithSegmentsOnly() {
    assertThat(store.lastModified(session)).isEmpty();
    created();
    Instant created = store.lastModified(session).orElseThrow();

    store.append(session, segment, List.of(turnEnd(1)));

    assertThat(store.lastModified(session).orElseThrow()).isAfterOrEqualTo(created);
    assertThat(store.lastModified(ids.newSessionId())).isEmpty();
  }

  @Test
  public void deleteSessionRemovesEverySegmentAndTraceAndOnlyThatSession() {
    created();
    SegmentId second = ids.newSegmentId();
    store.create(session, second, List.of(LogEntryFixtures.start(session)));
    store.appendTrace(session, second, traces(0, 3));
    SessionId other = ids.newSessionId();
    SegmentId kept = ids.newSegmentId();
    store.create(other, kept, List.of(LogEntryFixtures.start(other)));
    store.appendTrace(other, kept, traces(0, 1));

    assertThat(store.deleteSession(session)).isTrue();

    assertThat(store.listSessions()).containsExactly(other);
    assertThat(store.listSegments(session)).isEmpty();
    assertThat(store.exists(session, segment)).isFalse();
    assertThat(store.lastModified(session)).isEmpty();
    assertThatThrownBy(() -> store.readTrace(session, second).close())
        .isInstanceOf(SegmentNotFoundException.class);
    assertThat(traceOf(other, kept)).isEqualTo(traces(0, 1));
    assertThat(store.deleteSession(session)).isFalse();
    // The id can be used again from scratch.
    store.create(session, segment, List.of(LogEntryFixtures.start(session)));
    assertThat(store.entryCount(session, segment)).isEqualTo(1);
    assertThat(traceOf(session, segment)).isEmpty();
  }

  @Test
  public void deleteSessionHeldByAWriterIsRefusedAndDeletesNothing() {
    List<LogEntry> entries = created();
    SegmentId second = ids.newSegmentId();
    store.create(session, second, List.of(LogEntryFixtures.start(session)));
    store.appendTrace(session, segment, traces(0, 2));
    try (SegmentWriter writer = store.openWriter(session, second)) {
      assertThatThrownBy(() -> store.deleteSession(session))
          .isInstanceOfSatisfying(
              SegmentLockedException.class,
              e -> {
                assertThat(e.sessionId()).isEqualTo(session);
                assertThat(e.segmentId()).isEqualTo(second);
              });
      assertThat(writer.append(List.of(turnEnd(1)))).isEqualTo(2);
    }
    assertThat(store.listSegments(session)).containsExactlyInAnyOrder(segment, second);
    assertThat(all(session, segment)).isEqualTo(entries);
    assertThat(traceOf(session, segment)).isEqualTo(traces(0, 2));
    assertThat(store.deleteSession(session)).isTrue();
  }
}
