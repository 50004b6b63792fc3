package io.github.agentledger.segment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Sample entries covering every entry kind and every variant of their parts; shared with the
 * implementation modules through the test jar.
 */
public final class LogEntryFixtures {
  private LogEntryFixtures() {}

  /** A fixed session id. */
  public static final SessionId SESSION = SessionId.parse("0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70");

  /** A fixed segment id. */
  public static final SegmentId SEGMENT = SegmentId.parse("0196e8a0-2222-7000-8000-000000000001");

  /** A provenance with every field set. */
  public static final PromptProvenance PROVENANCE =
      new PromptProvenance(Optional.of("ws-1"), 3, "sha256:aa", "sha256:bb", "notify.child");

  /** A fresh segment start with the reference's model parameters and no history. */
  public static LogEntry.SegmentStart start(SessionId session) {
    return LogEntry.SegmentStart.fresh(
        1_747_700_000_000L,
        session,
        Optional.of("You are helpful."),
        new RequestConfig.ModelParameters(
            OptionalLong.of(1024),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalLong.empty(),
            List.of(),
            Optional.empty()),
        List.of());
  }

  /** Segment starts covering origins, turn base, custom config and every history item. */
  public static List<LogEntry.SegmentStart> startVariants(SessionId session) {
    SegmentOrigin origin = new SegmentOrigin(session, SEGMENT, 7);
    RequestConfig full =
        new RequestConfig.ModelParameters(
            OptionalLong.of(4096),
            OptionalDouble.of(0.7),
            OptionalDouble.of(0.95),
            OptionalLong.of(40),
            List.of("STOP", "\n\n"),
            Optional.of(new RequestConfig.Reasoning.Effort("high")));
    RequestConfig budget =
        new RequestConfig.ModelParameters(
            OptionalLong.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalLong.empty(),
            List.of(),
            Optional.of(
                new RequestConfig.Reasoning.Budget(RequestConfig.Reasoning.Budget.DYNAMIC)));
    RequestConfig custom =
        new RequestConfig.Custom(
            JsonText.ofObject("{\"model\":\"m-1\",\"tools\":[{\"name\":\"x\"}],\"seed\":null}"));
    return List.of(
        start(session),
        new LogEntry.SegmentStart(
            2,
            session,
            Optional.empty(),
            full,
            historyItems(),
            Optional.of(origin),
            Optional.empty(),
            7),
        new LogEntry.SegmentStart(
            3,
            session,
            Optional.of("p"),
            budget,
            List.of(),
            Optional.empty(),
            Optional.of(origin),
            3),
        new LogEntry.SegmentStart(
            4,
            session,
            Optional.of("p"),
            custom,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            0));
  }

  /** Every variant of history item. */
  public static List<HistoryItem> historyItems() {
    return List.of(
        HistoryItem.Message.text(Role.SYSTEM, "[summary] earlier work"),
        new HistoryItem.Message(
            Role.ASSISTANT,
            List.of(new ContentPart.Text("Hi!"), new ContentPart.Refusal("I cannot do that."))),
        HistoryItem.Message.text(Role.USER, "hello \"quoted\" \u00e9\u6f22 \ud83d\ude00"),
        new HistoryItem.ToolCall("call_1", "get_weather", "{\"city\":\"Tokyo\"}"),
        new HistoryItem.ToolCall("call_2", "broken", "{not json"),
        new HistoryItem.ToolResult("call_1", "Sunny, 25C", Optional.empty(), List.of(), false),
        new HistoryItem.ToolResult(
            "call_9",
            "attached",
            Optional.of("full output"),
            List.of(ImageAttachment.of("image/png", "secret-image-body".getBytes())),
            true),
        new HistoryItem.Reasoning("step-by-step", List.of(), Optional.empty(), Optional.empty()),
        new HistoryItem.Reasoning(
            "step-by-step", List.of("s1", "s2"), Optional.of("opaque"), Optional.of("SIG")));
  }

  /** Every variant of system item. */
  public static List<SystemItem> systemItems() {
    return List.of(
        new SystemItem.Notification("child done", "[Notification]\nchild done", Optional.empty()),
        new SystemItem.Notification("n", "body", Optional.of(PROVENANCE)),
        new SystemItem.WorkerEvent(
            JsonText.ofObject("{\"kind\":\"turn_ended\",\"worker_name\":\"w1\"}"),
            "[Worker w1 ended its turn]",
            Optional.of(
                new PromptProvenance(Optional.empty(), 0, "sha256:cc", "sha256:dd", "worker"))),
        new SystemItem.FileAttachment("src/main.rs", "[File: src/main.rs]\nfn main() {}"),
        new SystemItem.SkillActivation("review", "Skill review is active."),
        new SystemItem.TaskReminder("task_inactivity", "Remember the task.", Optional.empty()),
        new SystemItem.TaskReminder("todo", "Two todos are open.", Optional.of(PROVENANCE)),
        new SystemItem.Interrupt("[Interrupted by the user]", Optional.empty()),
        new SystemItem.Knowledge("old-note", "legacy body"),
        new SystemItem.Workflow("deploy"),
        new SystemItem.Unknown(
            "hologram",
            Optional.of("A newer item."),
            JsonText.ofObject("{\"kind\":\"hologram\",\"body\":\"A newer item.\",\"x\":[1,2]}")),
        new SystemItem.Unknown(
            "bodiless", Optional.empty(), JsonText.ofObject("{\"kind\":\"bodiless\",\"n\":1}")));
  }

  /** Every variant of user-input piece. */
  public static List<UserSegment> userSegments() {
    return List.of(
        new UserSegment.Text("see "),
        new UserSegment.Paste(1, 12, 2, "line1\nline2"),
        new UserSegment.FileRef("src/main.rs"),
        new UserSegment.Flow("implement"),
        new UserSegment.Unknown(
            "voice", JsonText.ofObject("{\"kind\":\"voice\",\"seconds\":3.5,\"lang\":\"en\"}")));
  }

  /** Entries of every kind but {@code segment_start}, every variant included, in a valid order. */
  public static List<LogEntry> body() {
    List<LogEntry> entries = new java.util.ArrayList<>();
    long ts = 1_747_700_001_000L;
    entries.add(new LogEntry.Invoke(ts++, InvokeTrigger.USER_SEND));
    entries.add(new LogEntry.Invoke(ts++, InvokeTrigger.of("telepathy")));
    entries.add(new LogEntry.UserInput(ts++, userSegments(), List.of()));
    entries.add(
        new LogEntry.UserInput(
            ts++,
            List.of(new UserSegment.Flow("review")),
            List.of(
                new ExtensionPayload(
                    "flow.runtime.v1", JsonText.of("{\"state\":\"implement\",\"revision\":0}")))));
    for (SystemItem item : systemItems()) {
      entries.add(new LogEntry.SystemItemEntry(ts++, item));
    }
    for (HistoryItem item : historyItems()) {
      entries.add(
          item instanceof HistoryItem.ToolResult
              ? new LogEntry.ToolResult(ts++, item)
              : new LogEntry.AssistantItem(ts++, item));
    }
    entries.add(new LogEntry.TurnEnd(ts++, 1));
    entries.add(new LogEntry.Extension(ts++, new ExtensionPayload("metrics", JsonText.of("[]"))));
    entries.add(new LogEntry.LlmUsage(ts++, new UsageRecord(7, 1000, 800, 100, 42)));
    entries.add(new LogEntry.RunCompleted(ts++, false, RunResult.FINISHED));
    entries.add(new LogEntry.RunCompleted(ts++, true, RunResult.PAUSED));
    entries.add(new LogEntry.RunCompleted(ts++, false, RunResult.LIMIT_REACHED));
    entries.add(new LogEntry.RunCompleted(ts++, false, RunResult.YIELDED));
    entries.add(new LogEntry.RunErrored(ts++, true, "provider error: 529 overloaded"));
    entries.add(new LogEntry.PausedTurnAbandoned(ts++));
    entries.add(
        new LogEntry.ConfigChanged(
            ts++,
            new RequestConfig.ModelParameters(
                OptionalLong.empty(),
                OptionalDouble.of(0.7),
                OptionalDouble.empty(),
                OptionalLong.empty(),
                List.of(),
                Optional.empty())));
    entries.add(
        new LogEntry.ConfigChanged(
            ts++, new RequestConfig.Custom(JsonText.ofObject("{\"provider\":{\"name\":\"x\"}}"))));
    entries.add(
        new LogEntry.Extension(
            ts++,
            new ExtensionPayload(
                "memory.extract", JsonText.of("{\"processed_through_entry\":12}"))));
    entries.add(
        new LogEntry.Unknown(
            "hologram", ts, "{\"kind\":\"hologram\",\"ts\":" + ts + ",\"z\":  [1, 2.50e3]}"));
    entries.add(new LogEntry.TurnEnd(ts + 1, 2));
    return List.copyOf(entries);
  }

  /**
   * Entries of the conversation kinds and fields (window, system prompt change, message ids,
   * attributes, media, tool names, an unknown content part), valid after {@link #body()}: the
   * window starts at most at the history that {@code body()} builds.
   */
  public static List<LogEntry> conversationEntries() {
    Map<String, JsonText> attributes =
        Map.of("source", JsonText.of("{\"app\":\"x\",\"n\":[1,2.50,\"\\u00e9\"]}"));
    long ts = 1_747_700_009_000L;
    return List.of(
        new LogEntry.UserInput(ts++, List.of(
            new UserSegment.Text("see "),
            new UserSegment.Media(new ContentPart.Image(
                MediaSource.Inline.of("image/jpeg", new byte[] {9, 8, 7}))),
            new UserSegment.Media(new ContentPart.File(
                new MediaSource.Uri("file:///spec.pdf", Optional.empty()),
                Optional.of("spec.pdf")))),
            List.of(), Optional.of(MessageId.of("user-1")), attributes),
        new LogEntry.AssistantItem(ts++, new HistoryItem.Message(Role.ASSISTANT, List.of(
            new ContentPart.Text("Here."),
            new ContentPart.Audio(MediaSource.Inline.of("audio/wav", new byte[] {1})),
            new ContentPart.Unknown("hologram",
                JsonText.of("{\"kind\":\"hologram\",\"beam\":\"\\u00e9\\/\",\"n\":1.50E+2}"))),
            Optional.of(MessageId.of("msg_2")), attributes)),
        new LogEntry.AssistantItem(ts++,
            new HistoryItem.ToolCall("c1", "resize", "{\"w\":2}", attributes)),
        new LogEntry.ToolResult(ts++, new HistoryItem.ToolResult("c1", "done", Optional.empty(),
            List.of(), false, Optional.of("resize"), attributes)),
        new LogEntry.AssistantItem(ts++, new HistoryItem.Reasoning("think", List.of(),
            Optional.empty(), Optional.empty(), attributes)),
        new LogEntry.SystemPromptChanged(ts++, Optional.of("Be brief.")),
        new LogEntry.WindowMoved(ts++, 3),
        new LogEntry.SystemPromptChanged(ts++, Optional.empty()),
        new LogEntry.WindowCleared(ts));
  }
}
