package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long conversation written through {@link Conversation} by another process, with tool calls,
 * window moves, a system prompt change and forks: after that process is killed (SIGKILL, nothing
 * closed), every segment restores to exactly the live state the process had, and the
 * conversation reopens by its key.
 */
class LongConversationProcessTest {
  /** 10 000 turns; the stress profile multiplies them by {@code agentledger.stress.scale}. */
  private static final int TURNS = 10_000 * Integer.getInteger("agentledger.stress.scale", 1);

  @TempDir Path dir;

  @Test
  void aLongConversationRestoredAfterTheWriterWasKilledEqualsItsLiveState() {
    Path root = dir.resolve("store");
    List<String[]> states = new ArrayList<>();
    ChildJvm child = ChildJvm.start(LongConversationChildMain.class, dir.resolve("child.err"),
        root.toString(), String.valueOf(TURNS));
    try {
      for (String line = child.expectLine(); !line.equals("DONE"); line = child.expectLine()) {
        assertThat(line).startsWith("STATE ");
        states.add(line.substring(6).split(" "));
      }
    } finally {
      child.kill();
    }

    JsonlSegmentStore store = JsonlSegmentStore.open(root, Durability.NONE);
    assertThat(states).hasSize(1 + TURNS / 3000);
    for (String[] state : states) {
      RestoredState restored =
          store.restore(SessionId.parse(state[0]), SegmentId.parse(state[1]));
      assertThat(LongConversationChildMain.digest(restored)).as(state[0]).isEqualTo(state[2]);
    }
    try (Conversation reopened =
        Conversation.open(store, ConversationKey.of("long-chat"), ConversationOptions.defaults())) {
      assertThat(reopened.segment().sessionId().toString()).isEqualTo(states.get(0)[0]);
      assertThat(LongConversationChildMain.digest(reopened.state())).isEqualTo(states.get(0)[2]);
      assertThat(reopened.turnCount()).isEqualTo(TURNS);
      assertThat(reopened.history().size()).isGreaterThan(2 * TURNS);
      assertThat(reopened.visibleMessages().size()).isLessThan(reopened.history().size());
    }
    assertThat(store.listKeys()).hasSize(1);
  }
}
