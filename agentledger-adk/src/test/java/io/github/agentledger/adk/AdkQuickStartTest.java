package io.github.agentledger.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.agents.LlmAgent;
import com.google.adk.artifacts.InMemoryArtifactService;
import com.google.adk.events.Event;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's three lines, run as written. */
class AdkQuickStartTest {
  @TempDir Path dir;

  @Test
  void theThreeLinesOfTheReadme() {
    LlmAgent agent =
        LlmAgent.builder()
            .name("assistant")
            .model(new ScriptedLlm(Content.builder().role("model").parts(Part.fromText("hi!")).build()))
            .build();
    SegmentSessionService sessions = SegmentSessionService.over(JsonlSegmentStore.open(dir, Durability.GROUP_COMMIT));
    Runner runner = new Runner(agent, "my-app", new InMemoryArtifactService(), sessions);
    Session session = sessions.createSession("my-app", "ada").blockingGet();

    List<Event> events =
        runner.runAsync("ada", session.id(), Content.fromParts(Part.fromText("hello")))
            .toList()
            .blockingGet();
    assertThat(events).extracting(Event::stringifyContent).containsExactly("hi!");
    assertThat(
            sessions.getSession("my-app", "ada", session.id(), Optional.empty()).blockingGet()
                .events())
        .hasSize(2);
    sessions.close();
  }
}
