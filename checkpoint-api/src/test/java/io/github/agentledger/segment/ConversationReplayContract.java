package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.github.agentledger.segment.lineage.SegmentSeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A realistic conversation through the lineage service: turns with tool calls, reasoning, a file
 * attachment and extension state, a config change, a compaction and two forks; the restored state
 * of every segment is checked against values written out by hand, not against another replay.
 */
public abstract class ConversationReplayContract {
  /** {@return a fresh, empty store} */
  protected abstract SegmentStore newStore();

  private SegmentStore store;
  private TestClock clock;
  private SegmentLineage lineage;

  @BeforeEach
  protected void setUpReplay() {
    store = newStore();
    clock = new TestClock(Instant.parse("2026-11-21T09:00:00Z"));
    lineage = SegmentLineage.over(store, IdGenerator.create(clock, new SplittableRandom(3)), clock);
  }

  @AfterEach
  protected void closeReplayStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private static RequestConfig config(OptionalDouble temperature) {
    return new RequestConfig.ModelParameters(
        OptionalLong.of(4096),
        temperature,
        OptionalDouble.empty(),
        OptionalLong.empty(),
        List.of(),
        Optional.of(new RequestConfig.Reasoning.Effort("medium")));
  }

  private static ExtensionPayload flow(String state) {
    return new ExtensionPayload("flow.runtime.v1", JsonText.of("{\"state\":\"" + state + "\"}"));
  }

  private static final ExtensionPayload MEMORY =
      new ExtensionPayload("memory.extract", JsonText.of("{\"processed_through_entry\":12}"));

  private static final HistoryItem REASONING =
      new HistoryItem.Reasoning(
          "look at the file first", List.of("plan"), Optional.of("opaque"), Optional.of("SIG"));

  private static final HistoryItem READ_CALL =
      new HistoryItem.ToolCall("call_read", "read_file", "{\"path\":\"src/Main.java\"}");

  private static final HistoryItem READ_FAILED =
      new HistoryItem.ToolResult(
          "call_read", "permission denied", Optional.empty(), List.of(), true);

  private SegmentHead append(SegmentHead head, List<LogEntry> entries) {
    SegmentRef at = head.segment();
    store.append(at.sessionId(), at.segmentId(), head.state().entryCount(), entries);
    clock.advance(Duration.ofSeconds(30));
    return new SegmentHead(at, head.state().resume(entries.iterator()));
  }

  /** Turn 1: pasted text and a file reference, a file attachment, reasoning, a failing tool. */
  private static List<LogEntry> firstTurn(long ts) {
    return List.of(
        new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND),
        new LogEntry.UserInput(
            ts + 1,
            List.of(
                new UserSegment.Text("fix "),
                new UserSegment.Paste(1, 11, 2, "NPE\nat line"),
                new UserSegment.FileRef("src/Main.java")),
            List.of(flow("implement"))),
        new LogEntry.SystemItemEntry(
            ts + 2, new SystemItem.FileAttachment("src/Main.java", "[File: src/Main.java]\nclass")),
        new LogEntry.AssistantItem(ts + 3, REASONING),
        new LogEntry.AssistantItem(ts + 4, READ_CALL),
        new LogEntry.ToolResult(ts + 5, READ_FAILED),
        new LogEntry.AssistantItem(ts + 6, Turns.answer(1)),
        new LogEntry.TurnEnd(ts + 7, 1),
        new LogEntry.Extension(ts + 8, MEMORY),
        new LogEntry.LlmUsage(ts + 9, new UsageRecord(3, 900, 0, 900, 30)),
        new LogEntry.LlmUsage(ts + 10, new UsageRecord(6, 1500, 900, 0, 60)),
        new LogEntry.RunCompleted(ts + 11, false, RunResult.FINISHED));
  }

  private static List<HistoryItem> firstTurnHistory() {
    return List.of(
        HistoryItem.Message.text(Role.USER, "fix NPE\nat line@src/Main.java"),
        HistoryItem.Message.text(Role.SYSTEM, "[File: src/Main.java]\nclass"),
        REASONING,
        READ_CALL,
        READ_FAILED,
        Turns.answer(1));
  }

  private static List<HistoryItem> concat(List<HistoryItem> first, List<HistoryItem> second) {
    List<HistoryItem> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private void assertState(
      SegmentRef segment,
      RequestConfig config,
      List<HistoryItem> history,
      long turns,
      Map<String, JsonText> latest,
      Optional<Derivation> origin) {
    RestoredState state = store.restore(segment.sessionId(), segment.segmentId());
    assertThat(state.sessionId()).isEqualTo(segment.sessionId());
    assertThat(state.systemPrompt()).contains("You are a coding agent.");
    assertThat(state.config()).isEqualTo(config);
    assertThat(state.history()).isEqualTo(history);
    assertThat(state.turnCount()).isEqualTo(turns);
    assertThat(state.lastRunInterrupted()).isFalse();
    assertThat(state.latestExtensions()).isEqualTo(latest);
    assertThat(lineage.origin(segment)).isEqualTo(origin);
  }

  @Test
  public void everySegmentOfABranchingConversationRestoresItsOwnState() {
    RequestConfig initial = config(OptionalDouble.empty());
    RequestConfig cooler = config(OptionalDouble.of(0.2));
    SegmentHead root =
        lineage.create(
            new SegmentSeed(
                Optional.of("You are a coding agent."), initial, List.of(), List.of(flow("plan"))));
    SessionId session = root.segment().sessionId();
    root = append(root, firstTurn(clock.millis()));
    root = append(root, Turns.withToolCall(2, clock.millis()));
    root = append(root, List.of(new LogEntry.ConfigChanged(clock.millis(), cooler)));
    root = append(root, Turns.withToolCall(3, clock.millis()));

    HistoryItem summary = HistoryItem.Message.text(Role.SYSTEM, "[summary] NPE fixed; weather x2");
    SegmentHead compacted =
        lineage.compact(
            root,
            new SegmentSeed(
                Optional.of("You are a coding agent."),
                cooler,
                List.of(summary),
                List.of(new ExtensionPayload("yoi.compaction", JsonText.of("{\"turns\":3}")))));
    compacted = append(compacted, Turns.withToolCall(4, clock.millis()));

    SegmentHead retry = lineage.forkAt(root.segment(), 1, ForkTarget.SAME_SESSION);
    retry = append(retry, Turns.withToolCall(2, clock.millis()));

    SegmentHead elsewhere = lineage.fork(compacted.segment(), ForkTarget.NEW_SESSION);

    List<HistoryItem> rootHistory =
        concat(concat(firstTurnHistory(), Turns.history(2)), Turns.history(3));
    assertState(
        root.segment(),
        cooler,
        rootHistory,
        3,
        Map.of(
            "flow.runtime.v1", flow("implement").payload(),
            "memory.extract", MEMORY.payload(),
            "metrics", Turns.metrics(3).payload()),
        Optional.empty());
    Map<String, JsonText> compactedLatest =
        Map.of(
            "flow.runtime.v1", flow("implement").payload(),
            "memory.extract", MEMORY.payload(),
            "metrics", Turns.metrics(4).payload(),
            "yoi.compaction", JsonText.of("{\"turns\":3}"));
    assertState(
        compacted.segment(),
        cooler,
        concat(List.of(summary), Turns.history(4)),
        4,
        compactedLatest,
        Optional.of(
            new Derivation(
                DerivationKind.COMPACTION,
                new SegmentOrigin(session, root.segment().segmentId(), 3))));
    assertState(
        retry.segment(),
        initial,
        concat(firstTurnHistory(), Turns.history(2)),
        2,
        Map.of(
            "flow.runtime.v1", flow("implement").payload(),
            "memory.extract", MEMORY.payload(),
            "metrics", Turns.metrics(2).payload()),
        Optional.of(
            new Derivation(
                DerivationKind.FORK, new SegmentOrigin(session, root.segment().segmentId(), 1))));
    assertState(
        elsewhere.segment(),
        cooler,
        concat(List.of(summary), Turns.history(4)),
        4,
        compactedLatest,
        Optional.of(
            new Derivation(
                DerivationKind.FORK,
                new SegmentOrigin(session, compacted.segment().segmentId(), 4))));

    // The root keeps its whole log, usage included; derived segments start without usage.
    RestoredState rootState = store.restore(session, root.segment().segmentId());
    assertThat(rootState.usageHistory()).hasSize(4);
    assertThat(rootState.userSegments()).hasSize(3);
    assertThat(rootState).isEqualTo(root.state());
    assertThat(store.restore(session, retry.segment().segmentId()).usageHistory()).hasSize(1);

    assertThat(store.listSegments(session))
        .containsExactly(
            retry.segment().segmentId(),
            compacted.segment().segmentId(),
            root.segment().segmentId());
    assertThat(lineage.activeLeaf(session)).contains(retry.segment());
    assertThat(lineage.children(root.segment()))
        .containsExactly(retry.segment(), compacted.segment());
    assertThat(lineage.ancestry(elsewhere.segment()))
        .containsExactly(elsewhere.segment(), compacted.segment(), root.segment());
    assertThat(lineage.activeLeaf(elsewhere.segment().sessionId())).contains(elsewhere.segment());
  }
}
