package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentOrigin;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.TestClock;
import io.github.agentledger.segment.Turns;
import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.HeadCheck;
import io.github.agentledger.segment.lineage.HeadOutcome;
import io.github.agentledger.segment.lineage.RetentionMode;
import io.github.agentledger.segment.lineage.RetentionReport;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.github.agentledger.segment.lineage.SegmentRetention;
import io.github.agentledger.segment.lineage.SegmentSeed;
import io.github.agentledger.segment.lineage.SkipReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage against a writer in another process (a child JVM holding the segment's writer lock):
 * ensure-head-or-fork forks instead of writing over it, a fork reads its committed entries
 * without disturbing it, and a session it holds cannot be deleted.
 */
class LineageProcessTest {
  @TempDir Path dir;

  private Path root;
  private JsonlSegmentStore store;
  private TestClock clock;
  private SegmentLineage lineage;
  private SegmentHead head;

  @BeforeEach
  void setUp() {
    root = dir.resolve("store");
    store = JsonlSegmentStore.open(root, Durability.FSYNC_EACH);
    clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    lineage = SegmentLineage.over(store, IdGenerator.create(clock, new SplittableRandom(5)), clock);
    head = lineage.create(SegmentSeed.of("You are helpful.", RequestConfig.defaults()));
    SegmentRef at = head.segment();
    store.append(at.sessionId(), at.segmentId(), head.state().entryCount(),
        Turns.withToolCall(1, clock.millis()));
    head = new SegmentHead(at, store.restore(at.sessionId(), at.segmentId()));
  }

  private ChildJvm writerProcess() {
    SegmentRef at = head.segment();
    ChildJvm child = ChildJvm.start(LineageWriterChildMain.class, dir.resolve("child.err"),
        root.toString(), at.sessionId().toString(), at.segmentId().toString());
    assertThat(child.expectLine()).isEqualTo("HOLDING");
    return child;
  }

  private byte[] sourceBytes() throws IOException {
    SegmentRef at = head.segment();
    return Files.readAllBytes(root.resolve(at.sessionId().toString())
        .resolve(at.segmentId() + ".jsonl"));
  }

  @Test
  void ensureHeadForksWhileAnotherProcessHoldsTheSegmentAndThatProcessGoesOn() throws Exception {
    try (ChildJvm child = writerProcess()) {
      byte[] before = sourceBytes();

      HeadCheck check = lineage.ensureHeadOrFork(head);

      assertThat(check.outcome()).isEqualTo(HeadOutcome.FORKED_WHILE_HELD);
      assertThat(check.head().state().forkedFrom()).contains(new SegmentOrigin(
          head.segment().sessionId(), head.segment().segmentId(), 1));
      assertThat(check.head().state().history()).isEqualTo(head.state().history());
      assertThat(sourceBytes()).isEqualTo(before);
      child.send("APPEND 2");
      assertThat(child.expectLine()).isEqualTo("APPENDED " + (head.state().entryCount() + 9));
      child.closeStdin();
      assertThat(child.waitFor()).isZero();
    }
    SegmentRef at = head.segment();
    assertThat(store.restore(at.sessionId(), at.segmentId()).turnCount()).isEqualTo(2);
  }

  @Test
  void ensureHeadForksAfterAnotherProcessAppendedAndLeavesItsWorkByteForByte() throws Exception {
    try (ChildJvm child = writerProcess()) {
      child.send("APPEND 2");
      child.expectLine();
      child.send("CLOSE");
      assertThat(child.expectLine()).isEqualTo("CLOSED");
      byte[] afterChild = sourceBytes();

      HeadCheck check = lineage.ensureHeadOrFork(head);

      assertThat(check.outcome()).isEqualTo(HeadOutcome.FORKED_AFTER_APPEND);
      assertThat(check.head().state().turnCount()).isEqualTo(1);
      assertThat(check.head().state().forkedFrom().orElseThrow().atTurnIndex()).isEqualTo(1);
      assertThat(sourceBytes()).isEqualTo(afterChild);
      child.closeStdin();
      assertThat(child.waitFor()).isZero();
    }
  }

  @Test
  void aSegmentBeingWrittenByAnotherProcessForksFromWhatItCommitted() throws Exception {
    SegmentRef at = head.segment();
    try (ChildJvm child = writerProcess()) {
      child.send("APPEND 2");
      child.expectLine();

      SegmentHead atOne = lineage.forkAt(at, 1, ForkTarget.SAME_SESSION);
      SegmentHead whole = lineage.fork(at, ForkTarget.NEW_SESSION);

      assertThat(atOne.state().turnCount()).isEqualTo(1);
      assertThat(whole.state().turnCount()).isEqualTo(2);
      assertThat(whole.state().history()).hasSize(head.state().history().size() + 4);
      child.send("APPEND 3");
      assertThat(child.expectLine()).startsWith("APPENDED ");
      assertThatThrownBy(() -> store.deleteSession(at.sessionId()))
          .isInstanceOf(SegmentLockedException.class);
      clock.advance(Duration.ofDays(365));
      RetentionReport report = SegmentRetention.over(store, clock)
          .pruneOlderThan(Duration.ofDays(1), RetentionMode.DELETE);
      assertThat(report.skipped()).singleElement()
          .satisfies(s -> assertThat(s.reason()).isEqualTo(SkipReason.HELD_BY_WRITER));
      child.closeStdin();
      assertThat(child.waitFor()).isZero();
    }
    assertThat(store.restore(at.sessionId(), at.segmentId()).turnCount()).isEqualTo(3);
    assertThat(store.listSegments(at.sessionId())).hasSize(2);
    assertThat(store.deleteSession(at.sessionId())).isTrue();
  }
}
