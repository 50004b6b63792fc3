package io.github.agentledger.examples.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatMemoryTest {
  @TempDir Path workDir;

  @Test
  void fiftyTurnsAreCountedTheWindowMovesAndTheKeyReopensTheConversation() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    RestoredState state =
        ChatMemory.run(workDir, new PrintStream(sink, true, StandardCharsets.UTF_8));

    String printed = sink.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("1. 50 turns; last answer: Answer 50.; visible 6 of 100 messages")
        .contains("2. reopened ")
        .contains("by its key: 50 turns, 6 visible; transcript ");
    assertThat(state.turnCount()).isEqualTo(50);
    assertThat(state.history()).hasSize(100);
    assertThat(state.visibleHistory()).hasSize(6)
        .endsWith(HistoryItem.Message.text(Role.ASSISTANT, "Answer 50."));
    JsonlSegmentStore store = JsonlSegmentStore.open(workDir, Durability.NONE);
    assertThat(store.lookupKey(ConversationKey.of("user-42/support-chat")))
        .contains(state.sessionId());
    assertThat(store.listSessions()).containsExactly(state.sessionId());
  }
}
