package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.lineage.HeadOutcome;
import io.github.agentledger.segment.lineage.RetentionMode;
import io.github.agentledger.segment.lineage.RetentionReport;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentSeed;
import io.github.agentledger.segment.lineage.StoredSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The value types of the lineage and retention API validate and copy what they are given. */
class LineageValuesTest {
  private final IdGenerator ids =
      IdGenerator.create(
          new TestClock(Instant.parse("2026-11-21T10:00:00Z")), new SplittableRandom(1));

  private RestoredState stateOf(SessionId session) {
    return RestoredState.replay(List.of(LogEntryFixtures.start(session)).iterator());
  }

  @Test
  void aHeadRefusesTheStateOfAnotherSession() {
    SessionId session = ids.newSessionId();
    SessionId other = ids.newSessionId();
    SegmentRef segment = new SegmentRef(session, ids.newSegmentId());

    assertThat(new SegmentHead(segment, stateOf(session)).segment()).isEqualTo(segment);
    assertThatThrownBy(() -> new SegmentHead(segment, stateOf(other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(other.toString())
        .hasMessageContaining(segment.toString());
  }

  @Test
  void aSegmentRefPrintsAsSessionSlashSegment() {
    SessionId session = ids.newSessionId();
    SegmentId segment = ids.newSegmentId();

    assertThat(new SegmentRef(session, segment)).hasToString(session + "/" + segment);
  }

  @Test
  void onlyAtHeadMeansNothingWasForked() {
    for (HeadOutcome outcome : HeadOutcome.values()) {
      assertThat(outcome.forked()).isEqualTo(outcome != HeadOutcome.AT_HEAD);
    }
  }

  @Test
  void seedsAndReportsCopyTheirLists() {
    List<HistoryItem> history = new ArrayList<>(List.of(HistoryItem.Message.text(Role.USER, "a")));
    SegmentSeed seed =
        new SegmentSeed(Optional.empty(), RequestConfig.defaults(), history, new ArrayList<>());
    history.clear();
    List<StoredSession> removed =
        new ArrayList<>(List.of(new StoredSession(ids.newSessionId(), Instant.EPOCH, 1)));
    RetentionReport report = new RetentionReport(RetentionMode.DELETE, removed, List.of());
    removed.clear();

    assertThat(seed.history()).hasSize(1);
    assertThat(report.removed()).hasSize(1);
    assertThat(SegmentSeed.of("p", RequestConfig.defaults()).systemPrompt()).contains("p");
  }

  @Test
  void derivationNamesItsSourceSegment() {
    SegmentOrigin origin = new SegmentOrigin(ids.newSessionId(), ids.newSegmentId(), 4);

    assertThat(new Derivation(DerivationKind.FORK, origin).sourceSegment())
        .isEqualTo(new SegmentRef(origin.sessionId(), origin.segmentId()));
  }

  @Test
  void badSummariesAreRejected() {
    assertThatThrownBy(() -> new StoredSession(ids.newSessionId(), Instant.EPOCH, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
