package io.github.agentledger.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.State;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.Part;
import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code BaseSessionService} contract, through ADK's own classes, over a JSONL store. */
class SegmentSessionServiceTest {
  @TempDir Path dir;

  @Test
  void createGetListAndDeleteSessionsByAppUserAndId() {
    try (SegmentSessionService service = SegmentSessionService.over(jsonl())) {
      Session a = service.createSession("app", "ada", Map.of("k", "v"), "a").blockingGet();
      service.createSession("app", "ada", null, "b/with%slash").ignoreElement().blockingAwait();
      service.createSession("app", "bob", null, "a").ignoreElement().blockingAwait();
      service.createSession("other", "ada", null, "a").ignoreElement().blockingAwait();
      Session generated = service.createSession("app", "ada", null, null).blockingGet();

      assertThat(a.id()).isEqualTo("a");
      assertThat(a.state()).containsExactly(Map.entry("k", "v"));
      assertThat(generated.id()).isNotBlank();
      assertThat(service.listSessions("app", "ada").blockingGet().sessionIds())
          .containsExactlyInAnyOrder("a", "b/with%slash", generated.id());
      assertThat(service.getSession("app", "ada", "a", Optional.empty()).blockingGet().state())
          .containsEntry("k", "v");
      assertThat(service.getSession("app", "nobody", "a", Optional.empty()).blockingGet())
          .isNull();

      service.deleteSession("app", "ada", "a").blockingAwait();
      assertThat(service.getSession("app", "ada", "a", Optional.empty()).isEmpty().blockingGet())
          .isTrue();
      assertThat(service.listSessions("app", "ada").blockingGet().sessionIds())
          .containsExactlyInAnyOrder("b/with%slash", generated.id());
      assertThat(service.listSessions("app", "bob").blockingGet().sessionIds()).containsExactly("a");
      service.deleteSession("app", "ada", "never").blockingAwait();
    }
  }

  @Test
  void creatingATakenIdFailsTypedAndChangesNothing() {
    try (SegmentSessionService service = SegmentSessionService.over(jsonl())) {
      service.createSession("app", "ada", Map.of("k", 1), "s").ignoreElement().blockingAwait();
      assertThatThrownBy(
              () -> service.createSession("app", "ada", Map.of("k", 2), "s").blockingGet())
          .isInstanceOf(AdkSessionExistsException.class)
          .hasMessageContaining("s of user ada of app app");
      assertThat(service.getSession("app", "ada", "s", Optional.empty()).blockingGet().state())
          .containsEntry("k", 1);
    }
    try (SegmentSessionService service = SegmentSessionService.over(jsonl())) {
      assertThatThrownBy(() -> service.createSession("app", "ada", null, "s").blockingGet())
          .isInstanceOf(AdkSessionExistsException.class);
    }
  }

  @Test
  void appendingToAMissingSessionFailsTypedAndWritesNothing() {
    JsonlSegmentStore store = jsonl();
    try (SegmentSessionService service = SegmentSessionService.over(store)) {
      Session ghost = Session.builder("ghost").appName("app").userId("ada").build();
      assertThatThrownBy(() -> service.appendEvent(ghost, text("user", "hi", 1)).blockingGet())
          .isInstanceOf(AdkSessionNotFoundException.class);
    }
    assertThat(store.listSessions()).isEmpty();
  }

  @Test
  void getSessionKeepsTheRecentEventsThenThoseNotBeforeTheTimestamp() {
    try (SegmentSessionService service = SegmentSessionService.over(jsonl())) {
      Session s = service.createSession("app", "ada", null, "s").blockingGet();
      for (int i = 1; i <= 5; i++) {
        service.appendEvent(s, text(i % 2 == 1 ? "user" : "agent", "m" + i, i * 1000L))
            .ignoreElement().blockingAwait();
      }
      assertThat(texts(service, GetSessionConfig.builder().build()))
          .containsExactly("m1", "m2", "m3", "m4", "m5");
      assertThat(texts(service, GetSessionConfig.builder().numRecentEvents(2).build()))
          .containsExactly("m4", "m5");
      assertThat(texts(service, GetSessionConfig.builder().numRecentEvents(0).build())).isEmpty();
      assertThat(
              texts(service,
                  GetSessionConfig.builder().afterTimestamp(Instant.ofEpochMilli(3000)).build()))
          .containsExactly("m3", "m4", "m5");
      assertThat(
              texts(service,
                  GetSessionConfig.builder()
                      .numRecentEvents(4)
                      .afterTimestamp(Instant.ofEpochMilli(4000))
                      .build()))
          .containsExactly("m4", "m5");
      assertThat(service.listEvents("app", "ada", "s").blockingGet().events()).hasSize(5);
      assertThat(
              service.getSession("app", "ada", "s", Optional.empty()).blockingGet()
                  .lastUpdateTime())
          .isEqualTo(Instant.ofEpochMilli(5000));
    }
  }

  @Test
  void stateDeltasKeepTheirScopesAndTempIsNeverStored() {
    JsonlSegmentStore store = jsonl();
    try (SegmentSessionService service = SegmentSessionService.over(store)) {
      Session one = service.createSession("app", "ada", null, "one").blockingGet();
      Session two = service.createSession("app", "ada", null, "two").blockingGet();
      Session bobs = service.createSession("app", "bob", null, "b").blockingGet();
      Session elsewhere = service.createSession("other", "ada", null, "x").blockingGet();
      Event event = text("agent", "done", 10);
      event.setActions(
          EventActions.builder()
              .stateDelta(
                  new ConcurrentHashMap<>(
                      Map.of(
                          "mine", "session",
                          "app:theme", "dark",
                          "user:lang", "nb",
                          "temp:scratch", "gone")))
              .build());
      service.appendEvent(one, event).ignoreElement().blockingAwait();
      // The live session object of the invocation sees its change (temp: excluded, as ADK does).
      assertThat(one.state()).containsEntry("mine", "session").doesNotContainKey("temp:scratch");

      assertThat(state(service, "app", "ada", "one"))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("mine", "session", "app:theme", "dark", "user:lang", "nb"));
      assertThat(state(service, "app", "ada", "two"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("app:theme", "dark", "user:lang", "nb"));
      assertThat(state(service, "app", "bob", "b"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("app:theme", "dark"));
      assertThat(state(service, "other", "ada", "x")).isEmpty();

      Event removal = text("agent", "undo", 20);
      removal.setActions(
          EventActions.builder()
              .stateDelta(new ConcurrentHashMap<>(Map.of("app:theme", State.REMOVED)))
              .build());
      service.appendEvent(two, removal).ignoreElement().blockingAwait();
      assertThat(state(service, "app", "bob", "b")).isEmpty();
      assertThat(two).isNotNull();
      assertThat(bobs).isNotNull();
      assertThat(elsewhere).isNotNull();
    }
    try (SegmentSessionService service = SegmentSessionService.over(jsonl())) {
      Session reread = service.getSession("app", "ada", "one", Optional.empty()).blockingGet();
      assertThat(reread.state())
          .containsExactlyInAnyOrderEntriesOf(Map.of("mine", "session", "user:lang", "nb"));
      assertThat(reread.events().get(0).actions().stateDelta()).doesNotContainKey("temp:scratch");
    }
    assertThat(new String(transcripts(store), StandardCharsets.UTF_8)).doesNotContain("gone");
  }

  @Test
  void aStateOnlyEventIsStoredAndItsRemovalReplaysAfterARestart() {
    try (SegmentSessionService service = SegmentSessionService.over(jsonl())) {
      Session s = service.createSession("app", "ada", Map.of("a", 1, "b", 2), "s").blockingGet();
      Event change =
          Event.builder()
              .id("state-1")
              .invocationId("inv")
              .author("agent")
              .timestamp(5)
              .actions(
                  EventActions.builder()
                      .stateDelta(new ConcurrentHashMap<>(Map.of("a", State.REMOVED, "c", 3)))
                      .build())
              .build();
      service.appendEvent(s, change).ignoreElement().blockingAwait();
    }
    try (SegmentSessionService service = SegmentSessionService.over(jsonl())) {
      Session s = service.getSession("app", "ada", "s", Optional.empty()).blockingGet();
      assertThat(s.state()).containsExactlyInAnyOrderEntriesOf(Map.of("b", 2, "c", 3));
      assertThat(s.events()).extracting(Event::id).containsExactly("state-1");
      assertThat(s.events().get(0).content()).isEmpty();
    }
  }

  @Test
  void everyPartAndFieldOfAnEventReadsBackEqualAndTheLogShowsItsParts() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    Event event =
        Event.builder()
            .id("e-1")
            .invocationId("inv-7")
            .author("agent")
            .branch("root.agent")
            .timestamp(1_765_000_000_123L)
            .turnComplete(true)
            .finishReason(new FinishReason(FinishReason.Known.STOP))
            .longRunningToolIds(java.util.Set.of("call-9"))
            .content(
                Content.builder()
                    .role("model")
                    .parts(
                        Part.fromText("look:"),
                        Part.builder()
                            .inlineData(Blob.builder().mimeType("image/png").data(png).build())
                            .build(),
                        Part.builder()
                            .functionCall(
                                FunctionCall.builder()
                                    .id("call-9")
                                    .name("draw")
                                    .args(Map.of("n", 3, "nested", Map.of("a", List.of(1, 2))))
                                    .build())
                            .build(),
                        Part.builder()
                            .functionResponse(
                                FunctionResponse.builder()
                                    .id("call-8")
                                    .name("measure")
                                    .response(Map.of("size", 42))
                                    .build())
                            .build(),
                        Part.builder().text("hmm").thought(true).build())
                    .build())
            .actions(
                EventActions.builder()
                    .transferToAgent("helper")
                    .artifactDelta(new ConcurrentHashMap<>(Map.of("pic.png", 2)))
                    .build())
            .build();
    JsonlSegmentStore store = jsonl();
    try (SegmentSessionService service = SegmentSessionService.over(store)) {
      Session s = service.createSession("app", "ada", null, "s").blockingGet();
      service.appendEvent(s, event).ignoreElement().blockingAwait();
    }
    try (SegmentSessionService service = SegmentSessionService.over(jsonl())) {
      Event back =
          service.getSession("app", "ada", "s", Optional.empty()).blockingGet().events().get(0);
      // Event.equals compares the inline bytes by identity, so equality is checked on ADK's JSON,
      // which names every field, and on the bytes themselves.
      assertThat(back.toJson()).isEqualTo(event.toJson());
      assertThat(back.content().orElseThrow().parts().orElseThrow().get(1).inlineData()
              .orElseThrow().data())
          .contains(png);
    }
    SessionId id = store.lookupKey(SessionKeys.session("app", "ada", "s")).orElseThrow();
    List<HistoryItem> items = store.restore(id, store.listSegments(id).get(0)).history();
    assertThat(items).hasSize(5);
    assertThat(((HistoryItem.Message) items.get(0)).text()).isEqualTo("look:");
    assertThat(((HistoryItem.Message) items.get(1)).content().get(0))
        .isInstanceOfSatisfying(
            ContentPart.Image.class,
            image -> assertThat(image.source().mediaType()).contains("image/png"));
    assertThat(items.get(2)).isInstanceOf(HistoryItem.ToolCall.class);
    assertThat(((HistoryItem.ToolResult) items.get(3)).toolName()).contains("measure");
    assertThat(items.get(4).attributes()).containsKey(EventMapper.EVENT_ATTRIBUTE);
    assertThat(items.get(0).attributes()).isEmpty();
  }

  @Test
  void aSecondServiceCannotAppendToASessionTheFirstHoldsAndWritesNothing() {
    try (SegmentSessionService first = SegmentSessionService.over(jsonl());
        SegmentSessionService second = SegmentSessionService.over(jsonl())) {
      Session mine = first.createSession("app", "ada", null, "s").blockingGet();
      first.appendEvent(mine, text("user", "one", 1)).ignoreElement().blockingAwait();
      Session theirs = second.getSession("app", "ada", "s", Optional.empty()).blockingGet();
      Event clash = text("user", "two", 2);
      clash.setActions(
          EventActions.builder()
              .stateDelta(new ConcurrentHashMap<>(Map.of("app:x", "y")))
              .build());
      assertThatThrownBy(() -> second.appendEvent(theirs, clash).blockingGet())
          .isInstanceOf(SegmentLockedException.class);
      assertThat(second.listEvents("app", "ada", "s").blockingGet().events()).hasSize(1);
      assertThat(second.getSession("app", "ada", "s", Optional.empty()).blockingGet().state())
          .doesNotContainKey("app:x");
      assertThat(theirs.events()).hasSize(1);
      first.close();
      second.appendEvent(theirs, clash).ignoreElement().blockingAwait();
      assertThat(second.listEvents("app", "ada", "s").blockingGet().events()).hasSize(2);
    }
  }

  private static byte[] transcripts(JsonlSegmentStore store) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (SessionId id : store.listSessions()) {
      for (var segment : store.listSegments(id)) {
        try (var in = store.openJsonl(id, segment)) {
          in.transferTo(all);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    return all.toByteArray();
  }

  private static Map<String, Object> state(
      SegmentSessionService service, String app, String user, String id) {
    return service.getSession(app, user, id, Optional.empty()).blockingGet().state();
  }

  private static List<String> texts(SegmentSessionService service, GetSessionConfig config) {
    return service.getSession("app", "ada", "s", Optional.of(config)).blockingGet().events()
        .stream()
        .map(Event::stringifyContent)
        .toList();
  }

  static Event text(String author, String text, long timestamp) {
    return Event.builder()
        .id(Event.generateEventId())
        .invocationId("inv")
        .author(author)
        .timestamp(timestamp)
        .content(
            Content.builder()
                .role("user".equals(author) ? "user" : "model")
                .parts(Part.fromText(text))
                .build())
        .build();
  }

  private JsonlSegmentStore jsonl() {
    return JsonlSegmentStore.open(dir, Durability.NONE);
  }
}
