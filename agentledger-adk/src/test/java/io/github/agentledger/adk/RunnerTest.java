package io.github.agentledger.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.agents.LlmAgent;
import com.google.adk.artifacts.InMemoryArtifactService;
import com.google.adk.events.Event;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.adk.tools.FunctionTool;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.Part;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADK's own {@link Runner} and {@link LlmAgent} over the service, with a scripted model. */
class RunnerTest {
  @TempDir Path dir;

  @Test
  void aRunWithAToolCallIsStoredAndReadsBackEqualAfterARestart() {
    ScriptedLlm model =
        new ScriptedLlm(
            Content.builder()
                .role("model")
                .parts(
                    Part.builder()
                        .functionCall(
                            FunctionCall.builder()
                                .id("call-1")
                                .name("weather")
                                .args(Map.of("city", "Oslo"))
                                .build())
                        .build())
                .build(),
            Content.fromParts(Part.fromText("It is sunny in Oslo.")).toBuilder()
                .role("model")
                .build());
    LlmAgent agent =
        LlmAgent.builder()
            .name("forecaster")
            .model(model)
            .instruction("Answer with the weather.")
            .tools(FunctionTool.create(WeatherTool.class, "weather"))
            .build();
    List<Event> events;
    Session before;
    try (SegmentSessionService service = SegmentSessionService.over(jsonl())) {
      Runner runner = new Runner(agent, "weather-app", new InMemoryArtifactService(), service);
      Session session =
          service.createSession("weather-app", "ada", Map.of("user:units", "metric"), "s1")
              .blockingGet();
      events =
          runner
              .runAsync("ada", session.id(), Content.fromParts(Part.fromText("Weather in Oslo?")))
              .toList()
              .blockingGet();
      before = service.getSession("weather-app", "ada", "s1", Optional.empty()).blockingGet();
    }
    // user message, function call, function response, final answer
    assertThat(events).hasSize(3);
    assertThat(events.get(2).stringifyContent()).contains("sunny in Oslo");
    assertThat(model.requests).hasSize(2);
    assertThat(before.events()).hasSize(4);
    assertThat(before.events().get(0).author()).isEqualTo("user");
    assertThat(before.events().get(1).functionCalls()).hasSize(1);
    assertThat(before.events().get(2).functionResponses().get(0).response())
        .contains(Map.of("city", "Oslo", "forecast", "sunny"));

    // A new process reads the same session: events equal, state equal.
    JsonlSegmentStore reopened = jsonl();
    try (SegmentSessionService service = SegmentSessionService.over(reopened)) {
      Session after = service.getSession("weather-app", "ada", "s1", Optional.empty()).blockingGet();
      assertThat(after.events()).isEqualTo(before.events());
      assertThat(after.state()).isEqualTo(before.state()).containsEntry("user:units", "metric");
      assertThat(after.lastUpdateTime()).isEqualTo(before.lastUpdateTime());
    }
    // The log holds the run as history items a transcript shows, and one ended turn.
    SessionId id = reopened.lookupKey(SessionKeys.session("weather-app", "ada", "s1")).orElseThrow();
    RestoredState state = reopened.restore(id, reopened.listSegments(id).get(0));
    assertThat(state.history())
        .extracting(item -> item.getClass().getSimpleName())
        .containsExactly("Message", "ToolCall", "ToolResult", "Message");
    HistoryItem.ToolCall call = (HistoryItem.ToolCall) state.history().get(1);
    assertThat(call.name()).isEqualTo("weather");
    assertThat(call.arguments()).isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(state.turnCount()).isEqualTo(1);
  }

  private JsonlSegmentStore jsonl() {
    return JsonlSegmentStore.open(dir, Durability.NONE);
  }
}
