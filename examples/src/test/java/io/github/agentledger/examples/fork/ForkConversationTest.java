package io.github.agentledger.examples.fork;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.DerivationKind;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkConversationTest {
  @TempDir Path workDir;

  @Test
  void forksAtTurnOneLeavesTheSourceAloneAndForksAgainWhenAnotherWriterMovedTheHead()
      throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    ForkResult result =
        ForkConversation.run(workDir, new PrintStream(sink, true, StandardCharsets.UTF_8));

    String printed = sink.toString(StandardCharsets.UTF_8);
    SegmentRef source = result.source().segment();
    assertThat(printed)
        .contains("1. conversation " + source + ": 3 turns")
        .contains(": 1 turn, 2 history items")
        .contains("3. the fork went on: \"Day 1: Alfama; day 2: Sintra.\"")
        .contains("the source is unchanged: 3 turns, \"Take the train to the Douro.\"")
        .contains("4. origin of the fork: FORK from " + source + " at turn 1")
        .contains("5. another writer moved")
        .contains("FORKED_AFTER_APPEND");

    assertThat(result.forkOrigin().kind()).isEqualTo(DerivationKind.FORK);
    assertThat(result.forkOrigin().sourceSegment()).isEqualTo(source);
    assertThat(result.forkOrigin().source().atTurnIndex()).isEqualTo(1);

    JsonlSegmentStore store = JsonlSegmentStore.open(workDir, Durability.NONE);
    List<SegmentId> segments = store.listSegments(source.sessionId());
    assertThat(segments).hasSize(3);
    RestoredState sourceState = store.restore(source.sessionId(), source.segmentId());
    assertThat(sourceState).isEqualTo(result.source().state());
    String sourceText = Files.readString(workDir.resolve(source.sessionId().toString())
        .resolve(source.segmentId() + ".jsonl"), StandardCharsets.UTF_8);
    assertThat(sourceText).doesNotContain("Lisbon").doesNotContain("museum");

    SegmentRef latest = result.latest().segment();
    RestoredState latestState = store.restore(latest.sessionId(), latest.segmentId());
    assertThat(latestState).isEqualTo(result.latest().state());
    assertThat(latestState.turnCount()).isEqualTo(3);
    assertThat(texts(latestState)).containsExactly(
        "Plan a weekend in Porto", "Day 1: Ribeira; day 2: Douro.",
        "Actually, make it Lisbon", "Day 1: Alfama; day 2: Sintra.",
        "And a museum?", "The tile museum, Museu do Azulejo.");
    assertThat(latestState.forkedFrom()).isPresent();
    assertThat(latestState.forkedFrom().get().segmentId())
        .isNotEqualTo(source.segmentId())
        .isIn(segments);
  }

  private static List<String> texts(RestoredState state) {
    return state.history().stream()
        .map(item -> ((HistoryItem.Message) item).content().get(0))
        .map(part -> ((ContentPart.Text) part).text())
        .toList();
  }
}
