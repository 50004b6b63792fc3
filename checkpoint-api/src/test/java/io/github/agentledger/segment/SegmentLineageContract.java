// Longer than 400 lines on purpose: one suite per service, run against every store (STYLE rule
// 24); the realistic end-to-end conversation lives in ConversationReplayContract.
package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.HeadCheck;
import io.github.agentledger.segment.lineage.HeadOutcome;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.github.agentledger.segment.lineage.SegmentSeed;
import io.github.agentledger.segment.lineage.TurnNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link SegmentLineage} over a store; run against each store implementation by
 * subclassing. Every source segment is checked to be unchanged after the operation.
 */
public abstract class SegmentLineageContract {
  /** {@return a fresh, empty store} */
  protected abstract SegmentStore newStore();

  /** Makes committed line {@code lineNumber} (1-based) of a segment unreadable. */
  protected abstract void corruptLine(SegmentStore store, SegmentRef segment, long lineNumber);

  /** The store under test. */
  protected SegmentStore store;
  /** The clock of the entries written. */
  protected TestClock clock;
  /** The service under test. */
  protected SegmentLineage lineage;

  private IdGenerator ids;

  @BeforeEach
  protected void setUpLineage() {
    store = newStore();
    clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    ids = IdGenerator.create(clock, new SplittableRandom(7));
    lineage = SegmentLineage.over(store, ids, clock);
  }

  @AfterEach
  protected void closeLineageStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private static final SegmentSeed SEED =
      new SegmentSeed(
          Optional.of("You are helpful."),
          RequestConfig.defaults(),
          List.of(HistoryItem.Message.text(Role.SYSTEM, "project notes")),
          List.of(
              new ExtensionPayload("flow.runtime.v1", JsonText.of("{\"state\":\"plan\"}")),
              new ExtensionPayload("memory.extract", JsonText.of("{\"through\":0}"))));

  /** Appends with a compare-and-append at the head's count and returns the new head. */
  protected SegmentHead append(SegmentHead head, List<LogEntry> entries) {
    SegmentRef at = head.segment();
    store.append(at.sessionId(), at.segmentId(), head.state().entryCount(), entries);
    return new SegmentHead(at, head.state().resume(entries.iterator()));
  }

  /** A conversation with {@code turns} completed turns, each with a tool call. */
  protected SegmentHead conversation(int turns) {
    SegmentHead head = lineage.create(SEED);
    for (int turn = 1; turn <= turns; turn++) {
      clock.advance(Duration.ofSeconds(1));
      head = append(head, Turns.withToolCall(turn, clock.millis()));
    }
    return head;
  }

  /** Every entry of a segment. */
  protected List<LogEntry> entries(SegmentRef segment) {
    try (Stream<LogEntry> entries = store.read(segment.sessionId(), segment.segmentId())) {
      return entries.toList();
    }
  }

  private RestoredState restored(SegmentRef segment) {
    return store.restore(segment.sessionId(), segment.segmentId());
  }

  private static List<HistoryItem> historyAfter(int turns) {
    List<HistoryItem> history = new ArrayList<>(SEED.history());
    for (int turn = 1; turn <= turns; turn++) {
      history.addAll(Turns.history(turn));
    }
    return history;
  }

  /** The parts of a state a fork must carry. */
  private static void assertCarried(RestoredState fork, RestoredState from) {
    assertThat(fork.systemPrompt()).isEqualTo(from.systemPrompt());
    assertThat(fork.config()).isEqualTo(from.config());
    assertThat(fork.history()).isEqualTo(from.history());
    assertThat(fork.turnCount()).isEqualTo(from.turnCount());
    assertThat(fork.latestExtensions()).containsExactlyEntriesOf(from.latestExtensions());
    assertThat(fork.lastRunInterrupted()).isFalse();
  }

  @Test
  public void createStartsANewSessionWithTheSeedAndItsExtensions() {
    SegmentHead head = lineage.create(SEED);

    assertThat(store.listSessions()).containsExactly(head.segment().sessionId());
    assertThat(head.state()).isEqualTo(restored(head.segment()));
    assertThat(head.state().history()).isEqualTo(SEED.history());
    assertThat(head.state().turnCount()).isZero();
    assertThat(head.state().entryCount()).isEqualTo(3);
    assertThat(head.state().latestExtensions())
        .containsExactly(
            Map.entry("flow.runtime.v1", JsonText.of("{\"state\":\"plan\"}")),
            Map.entry("memory.extract", JsonText.of("{\"through\":0}")));
    assertThat(lineage.origin(head.segment())).isEmpty();
    assertThat(entries(head.segment()).get(0)).isInstanceOf(LogEntry.SegmentStart.class);
    assertThat(entries(head.segment()).subList(1, 3))
        .allMatch(entry -> entry instanceof LogEntry.Extension);
  }

  @Test
  public void createMintsADistinctSessionEachTime() {
    SegmentHead first = lineage.create(SEED);
    SegmentHead second = lineage.create(SEED);

    assertThat(second.segment().sessionId()).isNotEqualTo(first.segment().sessionId());
    assertThat(store.listSessions())
        .containsExactly(second.segment().sessionId(), first.segment().sessionId());
  }

  @Test
  public void forkToANewSessionRecordsItsOriginAndCarriesTheState() {
    SegmentHead source = conversation(2);
    List<LogEntry> before = entries(source.segment());

    SegmentHead fork = lineage.fork(source.segment(), ForkTarget.NEW_SESSION);

    assertThat(fork.segment().sessionId()).isNotEqualTo(source.segment().sessionId());
    assertThat(lineage.origin(fork.segment()))
        .contains(
            new Derivation(
                DerivationKind.FORK,
                new SegmentOrigin(
                    source.segment().sessionId(), source.segment().segmentId(), 2)));
    assertCarried(fork.state(), source.state());
    assertThat(fork.state()).isEqualTo(restored(fork.segment()));
    assertThat(entries(source.segment())).isEqualTo(before);
    assertThat(lineage.ancestry(fork.segment())).containsExactly(fork.segment(), source.segment());
    assertThat(lineage.children(source.segment())).isEmpty();
  }

  @Test
  public void forkInTheSameSessionIsAChildOfItsSource() {
    SegmentHead source = conversation(1);

    SegmentHead fork = lineage.fork(source.segment(), ForkTarget.SAME_SESSION);

    assertThat(fork.segment().sessionId()).isEqualTo(source.segment().sessionId());
    assertThat(lineage.children(source.segment())).containsExactly(fork.segment());
    assertThat(fork.state().forkedFrom())
        .contains(new SegmentOrigin(source.segment().sessionId(), source.segment().segmentId(), 1));
    assertCarried(fork.state(), source.state());
  }

  @Test
  public void forkAtATurnCutsAtTheBoundaryAfterItAndKeepsTheClosingEntries() {
    SegmentHead source = conversation(3);
    List<LogEntry> before = entries(source.segment());

    SegmentHead fork = lineage.forkAt(source.segment(), 2, ForkTarget.SAME_SESSION);

    // 3 seed entries + 2 turns of 9 entries: the closing extension and usage of turn 2 are in.
    RestoredState expected = RestoredState.replay(before.subList(0, 3 + 2 * 9).iterator());
    assertThat(expected.latestExtensions()).containsEntry("metrics", Turns.metrics(2).payload());
    assertCarried(fork.state(), expected);
    assertThat(fork.state().history()).isEqualTo(historyAfter(2));
    assertThat(fork.state().turnCount()).isEqualTo(2);
    assertThat(fork.state().forkedFrom())
        .contains(new SegmentOrigin(source.segment().sessionId(), source.segment().segmentId(), 2));
    assertThat(fork.state()).isEqualTo(restored(fork.segment()));
    assertThat(entries(source.segment())).isEqualTo(before);
  }

  @Test
  public void forkAtTheTurnBaseKeepsOnlyTheSeed() {
    SegmentHead source = conversation(2);

    SegmentHead fork = lineage.forkAt(source.segment(), 0, ForkTarget.SAME_SESSION);

    assertThat(fork.state().history()).isEqualTo(SEED.history());
    assertThat(fork.state().turnCount()).isZero();
    assertThat(fork.state().latestExtensions())
        .containsExactlyEntriesOf(lineage.create(SEED).state().latestExtensions());
    assertThat(fork.state().forkedFrom().orElseThrow().atTurnIndex()).isZero();
  }

  @Test
  public void aForkContinuesTheTurnCountAndCanBeForkedAtItsBase() {
    SegmentHead source = conversation(3);
    SegmentHead forked = lineage.forkAt(source.segment(), 2, ForkTarget.SAME_SESSION);
    clock.advance(Duration.ofSeconds(1));
    SegmentHead fork = append(forked, Turns.withToolCall(3, clock.millis()));
    assertThat(fork.state().turnCount()).isEqualTo(3);

    SegmentHead atBase = lineage.forkAt(fork.segment(), 2, ForkTarget.SAME_SESSION);
    SegmentHead atThree = lineage.forkAt(fork.segment(), 3, ForkTarget.SAME_SESSION);

    assertThat(atBase.state().history()).isEqualTo(historyAfter(2));
    assertThat(atThree.state().history()).isEqualTo(historyAfter(3));
    assertThatThrownBy(() -> lineage.forkAt(fork.segment(), 1, ForkTarget.SAME_SESSION))
        .isInstanceOfSatisfying(
            TurnNotFoundException.class,
            e -> {
              assertThat(e.turnBase()).isEqualTo(2);
              assertThat(e.lastTurn()).isEqualTo(3);
            });
  }

  @Test
  public void forkAtATurnWhileTheNextTurnIsUnfinishedCutsBeforeIt() {
    SegmentHead source = conversation(1);
    source = append(source, Turns.opening(2, clock.millis()));
    assertThat(source.state().lastRunInterrupted()).isTrue();

    SegmentHead fork = lineage.forkAt(source.segment(), 1, ForkTarget.SAME_SESSION);

    assertThat(fork.state().history()).isEqualTo(historyAfter(1));
    assertThat(fork.state().lastRunInterrupted()).isFalse();
  }

  @Test
  public void forkAtAnUnknownTurnIsATypedErrorAndWritesNothing() {
    SegmentHead source = conversation(2);
    SegmentRef at = source.segment();
    List<LogEntry> before = entries(at);

    for (long turn : new long[] {3, 99}) {
      assertThatThrownBy(() -> lineage.forkAt(at, turn, ForkTarget.SAME_SESSION))
          .isInstanceOfSatisfying(
              TurnNotFoundException.class,
              e -> {
                assertThat(e.sessionId()).isEqualTo(at.sessionId());
                assertThat(e.segmentId()).isEqualTo(at.segmentId());
                assertThat(e.requestedTurn()).isEqualTo(turn);
                assertThat(e.turnBase()).isZero();
                assertThat(e.lastTurn()).isEqualTo(2);
              })
          .hasMessageContaining("has no turn " + turn);
      assertThatThrownBy(() -> lineage.forkAt(at, turn, ForkTarget.NEW_SESSION))
          .isInstanceOf(TurnNotFoundException.class);
    }
    assertThatThrownBy(() -> lineage.forkAt(at, -1, ForkTarget.SAME_SESSION))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.listSessions()).containsExactly(at.sessionId());
    assertThat(store.listSegments(at.sessionId())).containsExactly(at.segmentId());
    assertThat(entries(at)).isEqualTo(before);
  }

  @Test
  public void everyOperationOnAnUnknownSegmentIsNotFoundAndWritesNothing() {
    SegmentHead existing = lineage.create(SEED);
    SegmentRef missing = new SegmentRef(existing.segment().sessionId(), ids.newSegmentId());
    SegmentHead stale = new SegmentHead(missing, existing.state());
    List<Runnable> operations =
        List.of(
            () -> lineage.fork(missing, ForkTarget.SAME_SESSION),
            () -> lineage.fork(missing, ForkTarget.NEW_SESSION),
            () -> lineage.forkAt(missing, 0, ForkTarget.SAME_SESSION),
            () -> lineage.compact(stale, SEED),
            () -> lineage.ensureHeadOrFork(stale),
            () -> lineage.origin(missing),
            () -> lineage.children(missing),
            () -> lineage.ancestry(missing));
    for (Runnable operation : operations) {
      assertThatThrownBy(operation::run)
          .isInstanceOfSatisfying(
              SegmentNotFoundException.class,
              e -> assertThat(e.segmentId()).isEqualTo(missing.segmentId()));
      assertThat(store.listSessions()).containsExactly(existing.segment().sessionId());
      assertThat(store.listSegments(existing.segment().sessionId()))
          .containsExactly(existing.segment().segmentId());
    }
  }

  @Test
  public void compactionStartsFromTheCallersHistoryAndRecordsItsSource() {
    SegmentHead source = conversation(3);
    List<LogEntry> before = entries(source.segment());
    SegmentSeed compacted =
        new SegmentSeed(
            Optional.of("You are helpful."),
            RequestConfig.defaults(),
            List.of(HistoryItem.Message.text(Role.SYSTEM, "[summary] three weather questions")),
            List.of(
                new ExtensionPayload("yoi.compaction", JsonText.of("{\"dropped\":12}")),
                new ExtensionPayload("flow.runtime.v1", JsonText.of("{\"state\":\"review\"}"))));

    SegmentHead result = lineage.compact(source, compacted);

    assertThat(result.segment().sessionId()).isEqualTo(source.segment().sessionId());
    assertThat(lineage.origin(result.segment()))
        .contains(
            new Derivation(
                DerivationKind.COMPACTION,
                new SegmentOrigin(
                    source.segment().sessionId(), source.segment().segmentId(), 3)));
    assertThat(result.state().history()).isEqualTo(compacted.history());
    assertThat(result.state().turnCount()).isEqualTo(3);
    assertThat(result.state().latestExtensions())
        .containsExactly(
            Map.entry("flow.runtime.v1", JsonText.of("{\"state\":\"review\"}")),
            Map.entry("memory.extract", JsonText.of("{\"through\":0}")),
            Map.entry("metrics", Turns.metrics(3).payload()),
            Map.entry("yoi.compaction", JsonText.of("{\"dropped\":12}")));
    assertThat(result.state()).isEqualTo(restored(result.segment()));
    assertThat(lineage.children(source.segment())).containsExactly(result.segment());
    assertThat(entries(source.segment())).isEqualTo(before);
  }

  @Test
  public void ensureHeadAtTheHeadWritesNothing() {
    SegmentHead head = conversation(1);
    List<LogEntry> before = entries(head.segment());

    HeadCheck check = lineage.ensureHeadOrFork(head);

    assertThat(check.outcome()).isEqualTo(HeadOutcome.AT_HEAD);
    assertThat(check.outcome().forked()).isFalse();
    assertThat(check.head()).isEqualTo(head);
    assertThat(store.listSegments(head.segment().sessionId()))
        .containsExactly(head.segment().segmentId());
    assertThat(entries(head.segment())).isEqualTo(before);
  }

  @Test
  public void writerWhoseSegmentAnotherWriterAppendedToForksItsOwnState() {
    SegmentHead writerA = conversation(2);
    SegmentRef shared = writerA.segment();
    // Writer B, who restored the same segment, appends a turn A has not seen.
    SegmentHead writerB = new SegmentHead(shared, restored(shared));
    writerB = append(writerB, Turns.withToolCall(3, clock.millis()));
    List<LogEntry> afterB = entries(shared);

    HeadCheck check = lineage.ensureHeadOrFork(writerA);

    assertThat(check.outcome()).isEqualTo(HeadOutcome.FORKED_AFTER_APPEND);
    SegmentHead fork = check.head();
    assertThat(fork.segment()).isNotEqualTo(shared);
    assertThat(fork.segment().sessionId()).isEqualTo(shared.sessionId());
    assertThat(fork.state().forkedFrom())
        .contains(new SegmentOrigin(shared.sessionId(), shared.segmentId(), 2));
    assertCarried(fork.state(), writerA.state());
    assertThat(fork.state()).isEqualTo(restored(fork.segment()));
    assertThat(entries(shared)).isEqualTo(afterB);
    assertThat(writerB.state()).isEqualTo(restored(shared));
    // A continues on its fork with compare-and-append.
    SegmentHead continued = append(fork, Turns.withToolCall(3, clock.millis()));
    assertThat(continued.state()).isEqualTo(restored(fork.segment()));
    assertThat(lineage.ensureHeadOrFork(continued).outcome()).isEqualTo(HeadOutcome.AT_HEAD);
  }

  @Test
  public void aWriterThatSlipsInAfterTheCheckIsCaughtByTheCompareAndAppendThenForked() {
    SegmentHead mine = conversation(1);
    SegmentRef shared = mine.segment();
    HeadCheck check = lineage.ensureHeadOrFork(mine);
    assertThat(check.outcome()).isEqualTo(HeadOutcome.AT_HEAD);
    // Another writer appends between the check and this writer's append.
    store.append(shared.sessionId(), shared.segmentId(), Turns.withToolCall(2, 1));
    List<LogEntry> afterOther = entries(shared);

    assertThatThrownBy(() -> append(check.head(), Turns.withToolCall(2, 2)))
        .isInstanceOf(SegmentConflictException.class);
    HeadCheck again = lineage.ensureHeadOrFork(check.head());

    assertThat(again.outcome()).isEqualTo(HeadOutcome.FORKED_AFTER_APPEND);
    SegmentHead continued = append(again.head(), Turns.withToolCall(2, 2));
    assertThat(continued.state()).isEqualTo(restored(continued.segment()));
    assertThat(continued.state().history()).isEqualTo(historyAfter(2));
    assertThat(entries(shared)).isEqualTo(afterOther);
  }

  @Test
  public void writerWhoseSegmentWasTruncatedForksItsOwnState() {
    SegmentHead writerA = conversation(2);
    SegmentRef shared = writerA.segment();
    store.truncate(shared.sessionId(), shared.segmentId(), 3);
    List<LogEntry> afterTruncate = entries(shared);

    HeadCheck check = lineage.ensureHeadOrFork(writerA);

    assertThat(check.outcome()).isEqualTo(HeadOutcome.FORKED_AFTER_TRUNCATE);
    assertThat(check.head().state().history()).isEqualTo(historyAfter(2));
    assertThat(check.head().state().forkedFrom().orElseThrow().atTurnIndex()).isEqualTo(2);
    assertThat(entries(shared)).isEqualTo(afterTruncate);
  }

  @Test
  public void writerWhoseSegmentIsHeldByAnotherWriterForksAndTheHolderGoesOn() {
    SegmentHead writerA = conversation(1);
    SegmentRef shared = writerA.segment();
    List<LogEntry> before = entries(shared);
    HeadCheck check;
    try (SegmentWriter holder = store.openWriter(shared.sessionId(), shared.segmentId())) {
      check = lineage.ensureHeadOrFork(writerA);
      assertThat(holder.append(before.size(), Turns.withToolCall(2, 5))).isGreaterThan(0);
    }

    assertThat(check.outcome()).isEqualTo(HeadOutcome.FORKED_WHILE_HELD);
    assertCarried(check.head().state(), writerA.state());
    assertThat(entries(shared).subList(0, before.size())).isEqualTo(before);
    assertThat(restored(shared).turnCount()).isEqualTo(2);
  }

  @Test
  public void aSegmentHeldByAWriterCanStillBeForkedFromItsCommittedEntries() {
    SegmentHead source = conversation(2);
    SegmentRef at = source.segment();
    try (SegmentWriter holder = store.openWriter(at.sessionId(), at.segmentId())) {
      SegmentHead fork = lineage.forkAt(at, 1, ForkTarget.SAME_SESSION);
      SegmentHead whole = lineage.fork(at, ForkTarget.NEW_SESSION);
      assertThat(fork.state().history()).isEqualTo(historyAfter(1));
      assertThat(whole.state().history()).isEqualTo(historyAfter(2));
      holder.append(Turns.withToolCall(3, 9));
    }
    assertThat(restored(at).turnCount()).isEqualTo(3);
  }

  @Test
  public void forkAtReadsTheSourceOnlyUpToTheCut() {
    SegmentHead source = conversation(3);
    // Damage a line of turn 3: a fork at turn 1 never reads it, a fork at turn 3 must.
    corruptLine(store, source.segment(), 3 + 2 * 9 + 3);

    SegmentHead fork = lineage.forkAt(source.segment(), 1, ForkTarget.SAME_SESSION);

    assertThat(fork.state().history()).isEqualTo(historyAfter(1));
    assertThatThrownBy(() -> lineage.forkAt(source.segment(), 3, ForkTarget.SAME_SESSION))
        .isInstanceOf(CorruptSegmentException.class);
    assertThat(store.listSegments(source.segment().sessionId())).hasSize(2);
  }

  @Test
  public void lineageQueriesFollowATreeOfForksAndCompactions() {
    SegmentHead root = conversation(2);
    SessionId session = root.segment().sessionId();
    SegmentHead forkA = lineage.forkAt(root.segment(), 1, ForkTarget.SAME_SESSION);
    SegmentHead compacted = lineage.compact(root, SEED);
    SegmentHead forkB = lineage.fork(compacted.segment(), ForkTarget.SAME_SESSION);
    SegmentHead elsewhere = lineage.fork(forkB.segment(), ForkTarget.NEW_SESSION);

    assertThat(lineage.children(root.segment()))
        .containsExactly(compacted.segment(), forkA.segment());
    assertThat(lineage.children(compacted.segment())).containsExactly(forkB.segment());
    assertThat(lineage.children(forkA.segment())).isEmpty();
    assertThat(lineage.ancestry(forkB.segment()))
        .containsExactly(forkB.segment(), compacted.segment(), root.segment());
    assertThat(lineage.ancestry(elsewhere.segment()))
        .containsExactly(
            elsewhere.segment(), forkB.segment(), compacted.segment(), root.segment());
    assertThat(lineage.ancestry(root.segment())).containsExactly(root.segment());
    assertThat(lineage.origin(forkB.segment()).orElseThrow().kind()).isEqualTo(DerivationKind.FORK);
    assertThat(lineage.origin(compacted.segment()).orElseThrow().kind())
        .isEqualTo(DerivationKind.COMPACTION);
    assertThat(lineage.activeLeaf(session)).contains(forkB.segment());
    assertThat(lineage.activeLeaf(elsewhere.segment().sessionId())).contains(elsewhere.segment());
  }

  @Test
  public void theActiveLeafIsTheNewestSegmentWithoutAChild() {
    SegmentHead root = conversation(2);
    SessionId session = root.segment().sessionId();
    assertThat(lineage.activeLeaf(session)).contains(root.segment());

    SegmentHead first = lineage.forkAt(root.segment(), 1, ForkTarget.SAME_SESSION);
    SegmentHead second = lineage.forkAt(root.segment(), 2, ForkTarget.SAME_SESSION);
    assertThat(lineage.activeLeaf(session)).contains(second.segment());

    // Forking the older leaf makes its child the newest leaf; the fork's source is no longer one.
    SegmentHead grandchild = lineage.fork(first.segment(), ForkTarget.SAME_SESSION);
    assertThat(lineage.activeLeaf(session)).contains(grandchild.segment());
    assertThat(lineage.activeLeaf(ids.newSessionId())).isEmpty();
  }

  @Test
  public void ancestryStopsAtASourceWhoseSessionIsGone() {
    SegmentHead root = conversation(1);
    SegmentHead moved = lineage.fork(root.segment(), ForkTarget.NEW_SESSION);
    store.deleteSession(root.segment().sessionId());

    assertThat(lineage.ancestry(moved.segment())).containsExactly(moved.segment());
    assertThat(lineage.origin(moved.segment()).orElseThrow().sourceSegment())
        .isEqualTo(root.segment());
  }
}
