package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvalidTextException;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.MediaSource;
import io.github.agentledger.segment.MessageId;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TestClock;
import io.github.agentledger.segment.UserSegment;
import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.SegmentLineage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry kinds and fields of part 3 (window, system prompt change, message ids, attributes,
 * media, tool names) on the wire: exact lines, round trips, a file mixing them with reference
 * lines, unknown content parts kept byte for byte, and lone surrogates rejected on both sides.
 */
class ConversationFormatTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = LogEntryFixtures.SEGMENT;

  @TempDir Path dir;

  private static String line(LogEntry entry) {
    return new String(EntryCodec.encode(entry), StandardCharsets.UTF_8);
  }

  @Test
  void newEntriesHaveTheDocumentedLines() {
    assertThat(line(new LogEntry.WindowMoved(5, 3)))
        .isEqualTo("{\"kind\":\"window_moved\",\"ts\":5,\"start\":3}");
    assertThat(line(new LogEntry.WindowCleared(6)))
        .isEqualTo("{\"kind\":\"window_cleared\",\"ts\":6}");
    assertThat(line(new LogEntry.SystemPromptChanged(7, Optional.of("Be brief."))))
        .isEqualTo("{\"kind\":\"system_prompt_changed\",\"ts\":7,\"system_prompt\":\"Be brief.\"}");
    assertThat(line(new LogEntry.SystemPromptChanged(8, Optional.empty())))
        .isEqualTo("{\"kind\":\"system_prompt_changed\",\"ts\":8,\"system_prompt\":null}");
    assertThat(line(new LogEntry.AssistantItem(9,
            new HistoryItem.Message(Role.ASSISTANT,
                List.of(new ContentPart.Image(new MediaSource.Uri("https://x/y.png",
                    Optional.of("image/png")))),
                Optional.of(MessageId.of("msg_1")), Map.of("n", JsonText.of("1"))))))
        .isEqualTo("{\"kind\":\"assistant_item\",\"ts\":9,\"item\":{\"kind\":\"message\","
            + "\"role\":\"assistant\",\"content\":[{\"kind\":\"image\",\"uri\":\"https://x/y.png\","
            + "\"media_type\":\"image/png\"}],\"id\":\"msg_1\",\"attributes\":{\"n\":1}}}");
  }

  /** Every new kind and field, each variant once. */
  static List<LogEntry> newKinds() {
    Map<String, JsonText> attributes =
        Map.of("source", JsonText.of("{\"app\":\"x\",\"n\":[1,2.50]}"));
    return List.of(
        new LogEntry.UserInput(1, List.of(
            new UserSegment.Text("see "),
            new UserSegment.Media(new ContentPart.Image(
                MediaSource.Inline.of("image/jpeg", new byte[] {9, 8, 7}))),
            new UserSegment.Media(new ContentPart.Audio(
                new MediaSource.Uri("file:///a.ogg", Optional.empty()))),
            new UserSegment.Media(new ContentPart.File(
                MediaSource.Inline.of("application/pdf", new byte[] {37, 80}),
                Optional.of("spec.pdf")))),
            List.of(), Optional.of(MessageId.of("user-1")), attributes),
        new LogEntry.AssistantItem(2, new HistoryItem.Message(Role.ASSISTANT, List.of(
            new ContentPart.Text("Here."),
            new ContentPart.Audio(MediaSource.Inline.of("audio/wav", new byte[] {1})),
            new ContentPart.File(new MediaSource.Uri("gs://b/o", Optional.of("text/csv")),
                Optional.empty())),
            Optional.of(MessageId.of("msg_2")), attributes)),
        new LogEntry.AssistantItem(3,
            new HistoryItem.ToolCall("c1", "resize", "{\"w\":2}", attributes)),
        new LogEntry.ToolResult(4, new HistoryItem.ToolResult("c1", "done", Optional.of("all"),
            List.of(), false, Optional.of("resize"), attributes)),
        new LogEntry.AssistantItem(5, new HistoryItem.Reasoning("think", List.of("s"),
            Optional.empty(), Optional.empty(), attributes)),
        new LogEntry.SystemPromptChanged(6, Optional.of("Be brief.")),
        new LogEntry.SystemPromptChanged(7, Optional.empty()),
        new LogEntry.WindowMoved(8, 2),
        new LogEntry.WindowCleared(9));
  }

  @Test
  void everyNewKindRoundTrips() {
    for (LogEntry entry : newKinds()) {
      byte[] encoded = EntryCodec.encode(entry);

      assertThat(EntryCodec.decode(encoded)).as(line(entry)).isEqualTo(entry);
      assertThat(EntryCodec.encode(EntryCodec.decode(encoded))).isEqualTo(encoded);
    }
  }

  @Test
  void anUnknownContentPartIsWrittenBackByteForByte() {
    String part = "{\"kind\":\"hologram\",\"beam\":\"\\u00e9\\/\\ud83d\\ude00\",\"power\":1.50E+2,"
        + "\"deep\":{\"a\":[null,true,\"]}\"]}}";
    String line = "{\"kind\":\"assistant_item\",\"ts\":1,\"item\":{\"kind\":\"message\","
        + "\"role\":\"assistant\",\"content\":[{\"kind\":\"text\",\"text\":\"x\"}," + part + "]}}";
    String user = "{\"kind\":\"user_input\",\"ts\":2,\"segments\":[" + part + "]}";

    LogEntry decoded = EntryCodec.decode(line.getBytes(StandardCharsets.UTF_8));

    HistoryItem.Message message =
        (HistoryItem.Message) ((LogEntry.AssistantItem) decoded).item();
    assertThat(message.content().get(1))
        .isEqualTo(new ContentPart.Unknown("hologram", JsonText.of(part)));
    assertThat(line(decoded)).isEqualTo(line);
    assertThat(line(EntryCodec.decode(user.getBytes(StandardCharsets.UTF_8)))).isEqualTo(user);
  }

  private Path placeMixedFile(JsonlSegmentStore store) throws IOException {
    Path file = store.root().resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl");
    Files.createDirectories(file.getParent());
    try (InputStream in = getClass().getResourceAsStream("mixed-reference-and-new-kinds.jsonl")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  @Test
  void aFileMixingReferenceLinesAndNewKindsReplays() throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    Path file = placeMixedFile(store);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    RestoredState reference;
    try (Stream<LogEntry> entries = store.read(SESSION, SEGMENT)) {
      reference = RestoredState.replay(entries.limit(18).iterator());
    }

    RestoredState state = store.restore(SESSION, SEGMENT);

    assertThat(state.entryCount()).isEqualTo(26);
    assertThat(state.turnCount()).isEqualTo(2);
    assertThat(state.systemPrompt()).contains("Be brief.");
    assertThat(state.history()).hasSize(reference.history().size() + 3);
    assertThat(state.visibleHistory()).isEmpty();
    List<HistoryItem> added = state.history().subList(reference.history().size(),
        state.history().size());
    assertThat(added.get(0)).isEqualTo(new HistoryItem.Message(Role.USER,
        List.of(new ContentPart.Text("Look: "),
            new ContentPart.Image(new MediaSource.Inline("image/png", "AQID"))),
        Optional.of(MessageId.of("u-7")), Map.of("channel", JsonText.of("\"web\""))));
    HistoryItem.Message assistant = (HistoryItem.Message) added.get(1);
    assertThat(assistant.content().get(1)).isInstanceOf(ContentPart.Unknown.class);
    assertThat(assistant.attributes().get("cost")).isEqualTo(JsonText.of("{\"usd\":0.0010}"));
    assertThat(((HistoryItem.ToolResult) added.get(2)).toolName()).contains("resize");
    try (Stream<LogEntry> entries = store.read(SESSION, SEGMENT)) {
      List<String> again = entries.skip(18).map(ConversationFormatTest::line).toList();
      assertThat(again).isEqualTo(lines.subList(18, 26));
    }
    try (InputStream in = store.openJsonl(SESSION, SEGMENT)) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
    }
  }

  @Test
  void aStoredLoneSurrogateIsCorruptionOnReadRestoreAndFork() throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    Path file = placeMixedFile(store);
    Files.writeString(file, "{\"kind\":\"run_errored\",\"ts\":9,\"interrupted\":false,"
        + "\"message\":\"bad \\ud800 text\"}\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(file);
    TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    SegmentLineage lineage =
        SegmentLineage.over(store, IdGenerator.create(clock, new SplittableRandom(3)), clock);

    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining("line 27")
        .hasMessageContaining("'message'")
        .hasMessageContaining("lone surrogate");
    assertThatThrownBy(() -> {
      try (Stream<LogEntry> entries = store.read(SESSION, SEGMENT)) {
        entries.forEach(e -> { });
      }
    }).isInstanceOf(CorruptSegmentException.class);
    assertThatThrownBy(() -> lineage.fork(new SegmentRef(SESSION, SEGMENT), ForkTarget.NEW_SESSION))
        .isInstanceOf(CorruptSegmentException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(store.listSessions()).containsExactly(SESSION);
  }

  @Test
  void appendingALoneSurrogateNamesEntryAndFieldAndWritesNothing() throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    Path file = placeMixedFile(store);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> store.append(SESSION, SEGMENT, List.of(
            new LogEntry.TurnEnd(1, 3),
            new LogEntry.ToolResult(2, new HistoryItem.ToolResult("c", "ok", Optional.empty(),
                List.of(), false, Optional.empty(),
                Map.of("bad\udc00", JsonText.of("1")))))))
        .isInstanceOfSatisfying(InvalidTextException.class, e -> {
          assertThat(e.entryKind()).isEqualTo("tool_result");
          assertThat(e.field()).startsWith("item.attributes");
        });
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void openingAStoreOnARegularFileSaysItIsNotADirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");

    assertThatThrownBy(() -> JsonlSegmentStore.open(file, Durability.NONE))
        .isInstanceOf(SegmentIoException.class)
        .hasMessageContaining("not a directory")
        .hasMessageContaining(file.toString());
  }

  @Test
  void theKeyIndexIsRebuiltFromTheSessionsWhenMissing() throws IOException {
    Path root = dir.resolve("store");
    JsonlSegmentStore store = JsonlSegmentStore.open(root, Durability.NONE);
    TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    IdGenerator ids = IdGenerator.create(clock, new SplittableRandom(4));
    SessionId a = ids.newSessionId();
    SessionId b = ids.newSessionId();
    for (SessionId session : List.of(a, b)) {
      store.create(session, ids.newSegmentId(), List.of(LogEntryFixtures.start(session)));
    }
    store.bindKey(ConversationKey.of("alpha"), a);
    store.bindKey(ConversationKey.of("beta"), b);
    store.bindKey(ConversationKey.of("gamma"), b);
    try (Stream<Path> index = Files.list(root.resolve(".keys"))) {
      for (Path entry : index.toList()) {
        Files.delete(entry);
      }
    }
    Files.delete(root.resolve(".keys"));

    JsonlSegmentStore reopened = JsonlSegmentStore.open(root, Durability.NONE);

    assertThat(reopened.lookupKey(ConversationKey.of("beta"))).contains(b);
    assertThat(reopened.listKeys()).extracting(binding -> binding.key().value())
        .containsExactly("alpha", "beta", "gamma");
    assertThat(reopened.lookupKey(ConversationKey.of("alpha"))).contains(a);
    assertThat(reopened.listSessions()).containsExactlyInAnyOrder(a, b);
  }
}
