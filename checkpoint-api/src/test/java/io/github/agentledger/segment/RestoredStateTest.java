package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RestoredStateTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final LogEntry.SegmentStart START = LogEntryFixtures.start(SESSION);

  private static RestoredState replay(LogEntry... entries) {
    return RestoredState.replay(List.of(entries).iterator());
  }

  private static LogEntry user(String text) {
    return new LogEntry.UserInput(1, List.of(new UserSegment.Text(text)), List.of());
  }

  private static LogEntry assistant(String text) {
    return new LogEntry.AssistantItem(1, HistoryItem.Message.text(Role.ASSISTANT, text));
  }

  @Test
  void segmentStartSetsTheInitialState() {
    RestoredState state = replay(START);

    assertThat(state.sessionId()).isEqualTo(SESSION);
    assertThat(state.systemPrompt()).contains("You are helpful.");
    assertThat(state.config()).isEqualTo(START.config());
    assertThat(state.history()).isEmpty();
    assertThat(state.entryCount()).isEqualTo(1);
    assertThat(state.turnCount()).isZero();
    assertThat(state.lastRunInterrupted()).isFalse();
    assertThat(state.forkedFrom()).isEmpty();
    assertThat(state.compactedFrom()).isEmpty();
  }

  @Test
  void aFullTurnBuildsHistoryAndCountsTheTurn() {
    RestoredState state =
        replay(
            START,
            new LogEntry.Invoke(1, InvokeTrigger.USER_SEND),
            user("hi"),
            assistant("hello"),
            new LogEntry.TurnEnd(2, 1),
            new LogEntry.RunCompleted(3, false, RunResult.FINISHED));

    assertThat(state.history())
        .containsExactly(
            HistoryItem.Message.text(Role.USER, "hi"),
            HistoryItem.Message.text(Role.ASSISTANT, "hello"));
    assertThat(state.turnCount()).isEqualTo(1);
    assertThat(state.lastRunInterrupted()).isFalse();
    assertThat(state.entryCount()).isEqualTo(6);
  }

  @Test
  void anInvokeWithoutATerminalRecordMeansInterrupted() {
    assertThat(
            replay(START, new LogEntry.Invoke(1, InvokeTrigger.NOTIFY), user("x"))
                .lastRunInterrupted())
        .isTrue();
    assertThat(
            replay(
                    START,
                    new LogEntry.Invoke(1, InvokeTrigger.NOTIFY),
                    new LogEntry.RunErrored(2, false, "boom"))
                .lastRunInterrupted())
        .isFalse();
    assertThat(replay(START, new LogEntry.RunErrored(2, true, "boom")).lastRunInterrupted())
        .isTrue();
    assertThat(
            replay(
                    START,
                    new LogEntry.RunCompleted(2, true, RunResult.PAUSED),
                    new LogEntry.PausedTurnAbandoned(3))
                .lastRunInterrupted())
        .isFalse();
  }

  @Test
  void turnCountStartsAtTheTurnBase() {
    LogEntry.SegmentStart forked =
        new LogEntry.SegmentStart(
            1,
            SESSION,
            Optional.empty(),
            RequestConfig.defaults(),
            List.of(),
            Optional.of(new SegmentOrigin(SESSION, LogEntryFixtures.SEGMENT, 5)),
            Optional.empty(),
            5);

    RestoredState state = replay(forked);
    assertThat(state.turnCount()).isEqualTo(5);
    assertThat(state.forkedFrom()).isEqualTo(forked.forkedFrom());
    assertThat(replay(forked, new LogEntry.TurnEnd(2, 6)).turnCount()).isEqualTo(6);
  }

  @Test
  void seedHistoryAndCompactionOriginAreKept() {
    SegmentOrigin origin = new SegmentOrigin(SESSION, LogEntryFixtures.SEGMENT, 7);
    LogEntry.SegmentStart compacted =
        new LogEntry.SegmentStart(
            1,
            SESSION,
            Optional.of("p"),
            RequestConfig.defaults(),
            LogEntryFixtures.historyItems(),
            Optional.empty(),
            Optional.of(origin),
            7);

    RestoredState state = replay(compacted, assistant("next"));

    assertThat(state.compactedFrom()).contains(origin);
    assertThat(state.history()).hasSize(LogEntryFixtures.historyItems().size() + 1);
    assertThat(state.history().subList(0, LogEntryFixtures.historyItems().size()))
        .isEqualTo(LogEntryFixtures.historyItems());
  }

  @Test
  void userInputIsFlattenedAndItsPiecesAndExtensionsAreKept() {
    ExtensionPayload flow =
        new ExtensionPayload("flow.runtime.v1", JsonText.of("{\"state\":\"implement\"}"));
    RestoredState state =
        replay(START, new LogEntry.UserInput(1, LogEntryFixtures.userSegments(), List.of(flow)));

    assertThat(state.history())
        .containsExactly(
            HistoryItem.Message.text(Role.USER, "see line1\nline2@src/main.rs[Flow: implement]"));
    assertThat(state.userSegments()).containsExactly(LogEntryFixtures.userSegments());
    assertThat(state.extensions()).containsExactly(flow);
    assertThat(state.latestExtensions()).containsEntry("flow.runtime.v1", flow.payload());
  }

  @Test
  void systemItemsReplayTheirBodyAndLegacyKnowledgeIsSkipped() {
    List<LogEntry> entries = new ArrayList<>();
    entries.add(START);
    for (SystemItem item : LogEntryFixtures.systemItems()) {
      entries.add(new LogEntry.SystemItemEntry(1, item));
    }

    RestoredState state = RestoredState.replay(entries.iterator());

    assertThat(state.history())
        .extracting(
            item -> ((ContentPart.Text) ((HistoryItem.Message) item).content().get(0)).text())
        .containsExactly(
            "[Notification]\nchild done",
            "body",
            "[Worker w1 ended its turn]",
            "[File: src/main.rs]\nfn main() {}",
            "Skill review is active.",
            "Remember the task.",
            "Two todos are open.",
            "[Interrupted by the user]",
            "Ignored legacy procedure item: /deploy",
            "A newer item.");
    assertThat(state.history())
        .allSatisfy(item -> assertThat(((HistoryItem.Message) item).role()).isEqualTo(Role.SYSTEM));
  }

  @Test
  void configChangedReplacesTheConfig() {
    RequestConfig warm =
        new RequestConfig.ModelParameters(
            OptionalLong.empty(),
            OptionalDouble.of(0.7),
            OptionalDouble.empty(),
            OptionalLong.empty(),
            List.of(),
            Optional.empty());
    RequestConfig custom = new RequestConfig.Custom(JsonText.ofObject("{\"x\":1}"));

    assertThat(replay(START, new LogEntry.ConfigChanged(1, warm)).config()).isEqualTo(warm);
    assertThat(
            replay(
                    START,
                    new LogEntry.ConfigChanged(1, warm),
                    new LogEntry.ConfigChanged(2, custom))
                .config())
        .isEqualTo(custom);
  }

  @Test
  void usageIsCollectedInOrderWithoutTouchingHistory() {
    UsageRecord first = new UsageRecord(1, 100, 0, 0, 10);
    UsageRecord second = new UsageRecord(3, 300, 80, 20, 30);

    RestoredState state =
        replay(
            START,
            new LogEntry.LlmUsage(1, first),
            assistant("a"),
            new LogEntry.LlmUsage(2, second));

    assertThat(state.usageHistory()).containsExactly(first, second);
    assertThat(state.history()).hasSize(1);
    assertThat(replay(START).usageHistory()).isEmpty();
  }

  @Test
  void extensionsKeepLogOrderAndTheLatestPayloadPerDomain() {
    ExtensionPayload m1 = new ExtensionPayload("memory.extract", JsonText.of("{\"p\":1}"));
    ExtensionPayload metrics = new ExtensionPayload("metrics", JsonText.of("[1]"));
    ExtensionPayload m2 = new ExtensionPayload("memory.extract", JsonText.of("{\"p\":2}"));

    RestoredState state =
        replay(
            START,
            new LogEntry.Extension(1, m1),
            new LogEntry.Extension(2, metrics),
            new LogEntry.Extension(3, m2));

    assertThat(state.extensions()).containsExactly(m1, metrics, m2);
    assertThat(state.latestExtensions())
        .containsExactly(
            java.util.Map.entry("memory.extract", m2.payload()),
            java.util.Map.entry("metrics", metrics.payload()));
  }

  @Test
  void unknownEntriesAreCountedNoOps() {
    RestoredState before = replay(START, assistant("a"));
    RestoredState after =
        replay(
            START,
            assistant("a"),
            new LogEntry.Unknown("future", 9, "{\"kind\":\"future\",\"ts\":9}"));

    assertThat(after.entryCount()).isEqualTo(3);
    assertThat(after.history()).isEqualTo(before.history());
    assertThat(after.lastRunInterrupted()).isEqualTo(before.lastRunInterrupted());
  }

  @Test
  void aMissingOrMisplacedSegmentStartIsATypedError() {
    assertThatThrownBy(() -> RestoredState.replay(List.<LogEntry>of().iterator()))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class, e -> assertThat(e.entryNumber()).isEqualTo(1));
    assertThatThrownBy(() -> replay(assistant("a"), START))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class,
            e -> assertThat(e.reason()).contains("assistant_item"));
    assertThatThrownBy(() -> replay(START, assistant("a"), START))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class, e -> assertThat(e.entryNumber()).isEqualTo(3));
  }

  @Test
  void resumingFromAPrefixEqualsReplayingTheWhole() {
    List<LogEntry> all = new ArrayList<>();
    all.add(START);
    all.addAll(LogEntryFixtures.body());
    RestoredState whole = RestoredState.replay(all.iterator());

    for (int cut = 1; cut < all.size(); cut++) {
      RestoredState prefix = RestoredState.replay(all.subList(0, cut).iterator());
      RestoredState resumed = prefix.resume(all.subList(cut, all.size()).iterator());
      assertThat(resumed).as("cut at %d", cut).isEqualTo(whole);
    }
    assertThat(whole.entryCount()).isEqualTo(all.size());
    assertThat(whole.turnCount()).isEqualTo(2);
  }

  @Test
  void resumeRejectsASegmentStartAndLeavesTheStateUnchanged() {
    RestoredState state = replay(START, assistant("a"));

    assertThatThrownBy(() -> state.resume(List.<LogEntry>of(START).iterator()))
        .isInstanceOfSatisfying(
            InvalidSegmentStructureException.class, e -> assertThat(e.entryNumber()).isEqualTo(3));
    assertThat(state.entryCount()).isEqualTo(2);
  }

  @Test
  void replayReadsEntriesOneAtATimeWithoutKeepingThem() {
    // An endless-looking source of a million unknown entries: only counters grow.
    int count = 1_000_000;
    LogEntry filler = new LogEntry.Unknown("future", 1, "{\"kind\":\"future\"}");
    Iterator<LogEntry> source =
        new Iterator<>() {
          int served;

          @Override
          public boolean hasNext() {
            return served <= count;
          }

          @Override
          public LogEntry next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return served++ == 0 ? START : filler;
          }
        };

    assertThat(RestoredState.replay(source).entryCount()).isEqualTo(count + 1);
  }
}
