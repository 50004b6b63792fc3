package io.github.agentledger.examples.conversation;

import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Keeps a chat memory the way a framework adapter does: a conversation opened by the framework's
 * key, fifty turns appended without counting them, the window moved to the last six messages,
 * the memory reopened by its key, and the segment's JSONL ready for a checkpoint transcript.
 */
public final class ChatMemory {
  private ChatMemory() {}

  /**
   * Runs the example in {@code workDir}.
   *
   * @param workDir an empty directory, kept afterwards
   * @param out where the example says what it does
   * @return the conversation's state as a restore of its segment gives it after reopening
   */
  public static RestoredState run(Path workDir, PrintStream out) {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(out, "out");
    JsonlSegmentStore store = JsonlSegmentStore.open(workDir, Durability.FSYNC_EACH);
    ConversationKey memoryId = ConversationKey.of("user-42/support-chat");
    try (Conversation chat = Conversation.open(store, memoryId)) {
      for (int turn = 1; turn <= 50; turn++) {
        chat.appendUserMessage("Question " + turn + "?");
        chat.appendAssistantMessage("Answer " + turn + ".");
        chat.endTurn();
      }
      List<HistoryItem> visible = chat.visibleMessages();
      chat.replaceVisible(visible.subList(visible.size() - 6, visible.size()));
      out.println("1. " + chat.turnCount() + " turns; last answer: "
          + chat.lastAssistantMessage().orElseThrow().text() + "; visible "
          + chat.visibleMessages().size() + " of " + chat.history().size() + " messages");
    }

    // Later, in another process: the key finds the same conversation, without replaying others.
    try (Conversation chat = Conversation.open(store, memoryId)) {
      SegmentRef segment = chat.segment();
      byte[] transcript = chat.transcript();
      out.println("2. reopened " + segment + " by its key: " + chat.turnCount() + " turns, "
          + chat.visibleMessages().size() + " visible; transcript " + transcript.length
          + " bytes of JSONL");
      return store.restore(segment.sessionId(), segment.segmentId());
    }
  }
}
