package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.InvalidSegmentStructureException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SessionId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryRulesTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SessionId OTHER = SessionId.parse("0196e8a0-1c2d-7a4b-9f10-000000000000");
  private static final LogEntry TURN = new LogEntry.TurnEnd(1, 1);

  @Test
  void aSegmentStartOfTheSessionThenAnythingElseIsAccepted() {
    List<LogEntry> entries = new ArrayList<>();
    entries.add(LogEntryFixtures.start(SESSION));
    entries.addAll(LogEntryFixtures.body());

    assertThatCode(() -> EntryRules.checkCreate(SESSION, entries)).doesNotThrowAnyException();
    assertThatCode(() -> EntryRules.checkAppend(() -> 5, LogEntryFixtures.body()))
        .doesNotThrowAnyException();
    assertThatCode(() -> EntryRules.checkAppend(() -> 5, List.of())).doesNotThrowAnyException();
  }

  @Test
  void aMissingForeignOrSecondSegmentStartIsRejectedWithItsPosition() {
    assertThatThrownBy(() -> EntryRules.checkCreate(SESSION, List.of()))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class, e -> assertThat(e.entryNumber()).isEqualTo(1));
    assertThatThrownBy(() -> EntryRules.checkCreate(SESSION, List.of(TURN)))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class,
            e -> assertThat(e.reason()).contains("turn_end"));
    assertThatThrownBy(
            () -> EntryRules.checkCreate(SESSION, List.of(LogEntryFixtures.start(OTHER))))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class,
            e -> assertThat(e.reason()).contains(OTHER.toString()));
    assertThatThrownBy(
            () ->
                EntryRules.checkCreate(
                    SESSION,
                    List.of(
                        LogEntryFixtures.start(SESSION), TURN, LogEntryFixtures.start(SESSION))))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class, e -> assertThat(e.entryNumber()).isEqualTo(3));
    assertThatThrownBy(
            () -> EntryRules.checkAppend(() -> 7, List.of(TURN, LogEntryFixtures.start(SESSION))))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class, e -> assertThat(e.entryNumber()).isEqualTo(9));
  }
}
