package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.ExtensionPayload;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.ImageAttachment;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentOrigin;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.UsageRecord;
import io.github.agentledger.segment.UserSegment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Lines in the reference's own format (spec §4), as a reference-written file holds them. */
class ReferenceLinesTest {
  private static final SessionId SESSION = SessionId.parse("0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70");

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = ReferenceLinesTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static List<LogEntry> decodeAll(List<String> lines) {
    return lines.stream()
        .map(line -> EntryCodec.decode(line.getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  @Test
  void referenceSegmentReplaysIntoTheStateTheModelSaw() throws IOException {
    List<LogEntry> entries = decodeAll(lines("reference-segment.jsonl"));

    RestoredState state = RestoredState.replay(entries.iterator());

    assertThat(state.sessionId()).isEqualTo(SESSION);
    assertThat(state.systemPrompt()).contains("You are helpful.");
    assertThat(state.entryCount()).isEqualTo(18);
    assertThat(state.turnCount()).isEqualTo(1);
    assertThat(state.lastRunInterrupted()).isFalse();
    assertThat(state.config())
        .isEqualTo(
            new RequestConfig.ModelParameters(
                OptionalLong.empty(),
                OptionalDouble.of(0.7),
                OptionalDouble.empty(),
                OptionalLong.empty(),
                List.of(),
                Optional.empty()));
    assertThat(state.history())
        .containsExactly(
            HistoryItem.Message.text(Role.USER, "see line1\nline2@src/main.rs"),
            HistoryItem.Message.text(Role.USER, "[Flow: implement]"),
            HistoryItem.Message.text(Role.SYSTEM, "[Notification]\nchild done"),
            new HistoryItem.Reasoning(
                "step-by-step", List.of("s1", "s2"), Optional.of("opaque"), Optional.of("SIG")),
            new HistoryItem.ToolCall("call_1", "get_weather", "{\"city\":\"Tokyo\"}"),
            new HistoryItem.ToolResult("call_1", "Sunny, 25C", Optional.empty(), List.of(), false),
            new HistoryItem.ToolResult(
                "call_9",
                "attached",
                Optional.of("full output"),
                List.of(new ImageAttachment("image/png", "c2VjcmV0LWltYWdlLWJvZHk=")),
                true),
            new HistoryItem.Message(Role.ASSISTANT, List.of(new ContentPart.Text("Hi!"))));
    assertThat(((HistoryItem.ToolResult) state.history().get(6)).attachments().get(0).bytes())
        .isEqualTo("secret-image-body".getBytes(StandardCharsets.UTF_8));
    assertThat(state.userSegments().get(0))
        .containsExactly(
            new UserSegment.Text("see "),
            new UserSegment.Paste(1, 12, 2, "line1\nline2"),
            new UserSegment.FileRef("src/main.rs"));
    assertThat(state.usageHistory()).containsExactly(new UsageRecord(7, 1000, 800, 100, 42));
    assertThat(state.extensions())
        .containsExactly(
            new ExtensionPayload(
                "flow.runtime.v1", JsonText.of("{\"state\":\"implement\",\"revision\":0}")),
            new ExtensionPayload(
                "memory.extract", JsonText.of("{\"processed_through_entry\":12}")));
  }

  @Test
  void referenceLinesAreWrittenBackByteForByteExceptTheStartGainsItsVersion() throws IOException {
    List<String> lines = lines("reference-segment.jsonl");

    for (String line : lines.subList(1, lines.size())) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      assertThat(new String(EntryCodec.encode(EntryCodec.decode(bytes)), StandardCharsets.UTF_8))
          .isEqualTo(line);
    }
    String start = EntryCodec.encodeToString(EntryCodec.decode(lines.get(0)));
    assertThat(start)
        .startsWith("{\"kind\":\"segment_start\",\"ts\":1747700000000,\"v\":1,\"session_id\"")
        .endsWith(",\"history\":[],\"turn_base\":0}");
    assertThat(EntryCodec.decode(start)).isEqualTo(EntryCodec.decode(lines.get(0)));
  }

  @Test
  void referenceCompactedSegmentKeepsItsOriginInTheOwnSession() throws IOException {
    List<LogEntry> entries = decodeAll(lines("reference-compacted.jsonl"));

    RestoredState state = RestoredState.replay(entries.iterator());

    assertThat(state.compactedFrom())
        .contains(
            new SegmentOrigin(SESSION, SegmentId.parse("0196e8a0-2222-7000-8000-000000000001"), 7));
    assertThat(state.forkedFrom()).isEmpty();
    assertThat(state.history()).hasSize(3);
    assertThat(state.history().get(0))
        .isEqualTo(
            HistoryItem.Message.text(Role.SYSTEM, "[summary] the user asked about the weather"));
    assertThat(state.turnCount()).isEqualTo(8);
    assertThat(state.latestExtensions())
        .containsEntry("flow.runtime.v1", JsonText.of("{\"state\":\"review\",\"revision\":3}"));
    assertThat(state.lastRunInterrupted()).isTrue();
  }
}
