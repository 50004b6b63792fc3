package io.github.agentledger.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.model.TokenCountEstimator;
import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatMemoryTest {
  @TempDir Path dir;

  @Test
  void messageWindowEvictsFromTheWindowButTheLogKeepsEverything() {
    List<ChatMessage> all = new ArrayList<>();
    try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl())) {
      ChatMemory memory =
          MessageWindowChatMemory.builder().id("w").maxMessages(3).chatMemoryStore(store).build();
      for (int i = 0; i < 5; i++) {
        UserMessage question = UserMessage.from("q" + i);
        AiMessage answer = AiMessage.from("a" + i);
        memory.add(question);
        memory.add(answer);
        all.add(question);
        all.add(answer);
      }
      assertThat(memory.messages()).containsExactlyElementsOf(all.subList(7, 10));
      assertThat(store.getMessages("w")).containsExactlyElementsOf(all.subList(7, 10));
    }
    try (Conversation log = Conversation.open(jsonl(), ConversationKey.of("w"))) {
      assertThat(log.history()).hasSize(10);
      assertThat(log.visibleMessages()).hasSize(3);
      assertThat(log.turnCount()).isEqualTo(5);
    }
    // A new process sees the same window.
    try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl())) {
      ChatMemory memory =
          MessageWindowChatMemory.builder().id("w").maxMessages(3).chatMemoryStore(store).build();
      assertThat(memory.messages()).containsExactlyElementsOf(all.subList(7, 10));
    }
  }

  @Test
  void tokenWindowKeepsTheSystemMessageAndEvictsByTokens() {
    TokenCountEstimator words = new WordCounter();
    SystemMessage system = SystemMessage.from("Be brief.");
    List<ChatMessage> all = new ArrayList<>();
    try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl())) {
      ChatMemory memory =
          TokenWindowChatMemory.builder().id("t").maxTokens(10, words).chatMemoryStore(store)
              .build();
      memory.add(system);
      for (int i = 0; i < 6; i++) {
        ChatMessage m = i % 2 == 0 ? UserMessage.from("one two " + i) : AiMessage.from("x " + i);
        memory.add(m);
        all.add(m);
      }
      List<ChatMessage> visible = memory.messages();
      assertThat(visible.get(0)).isEqualTo(system);
      assertThat(words.estimateTokenCountInMessages(visible)).isLessThanOrEqualTo(10);
      assertThat(visible).endsWith(all.get(5));
      assertThat(store.getMessages("t")).containsExactlyElementsOf(visible);
    }
    try (Conversation log = Conversation.open(jsonl(), ConversationKey.of("t"))) {
      // Each add appended exactly one item: nothing was written twice; the prompt is pinned.
      assertThat(log.history()).hasSize(6);
      assertThat(log.state().systemPrompt()).contains("Be brief.");
    }
  }

  @Test
  void updatingWithTheSameMessagesWritesNothing() {
    List<ChatMessage> messages = List.of(UserMessage.from("hi"), AiMessage.from("hello"));
    try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl())) {
      store.updateMessages("same", messages);
      store.updateMessages("same", messages);
      store.updateMessages("same", List.copyOf(messages));
    }
    // A new process passing equal (not identical) messages first: still nothing new, no turn end.
    try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl())) {
      store.updateMessages("same", List.of(UserMessage.from("hi"), AiMessage.from("hello")));
    }
    try (Conversation log = Conversation.open(jsonl(), ConversationKey.of("same"))) {
      assertThat(log.history()).hasSize(2);
      assertThat(log.turnCount()).isEqualTo(1);
    }
  }

  @Test
  void eraseDeletesTheConversationAndItsKey() {
    JsonlSegmentStore jsonl = jsonl();
    try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl)) {
      store.updateMessages("gone", List.of(UserMessage.from("secret")));
      store.deleteMessages("gone");
      assertThat(store.getMessages("gone")).isEmpty();
      assertThat(jsonl.lookupKey(ConversationKey.of("gone"))).isEmpty();
      assertThat(jsonl.listSessions()).isEmpty();
      store.deleteMessages("never-existed");
      assertThat(jsonl.listSessions()).isEmpty();
    }
  }

  @Test
  void keepHistoryClearsOnlyTheVisibleWindow() {
    JsonlSegmentStore jsonl = jsonl();
    try (SegmentChatMemoryStore store =
        SegmentChatMemoryStore.over(jsonl, ConversationOptions.defaults(),
            DeleteMode.KEEP_HISTORY)) {
      ChatMemory memory =
          MessageWindowChatMemory.builder().id("k").maxMessages(10).chatMemoryStore(store).build();
      memory.add(UserMessage.from("before"));
      memory.clear();
      assertThat(memory.messages()).isEmpty();
      memory.add(UserMessage.from("after"));
      assertThat(memory.messages()).containsExactly(UserMessage.from("after"));
    }
    try (Conversation log = Conversation.open(jsonl, ConversationKey.of("k"))) {
      assertThat(log.history())
          .extracting(item -> ((HistoryItem.Message) item).text())
          .containsExactly("before", "after");
    }
  }

  @Test
  void readingAnUnknownMemoryCreatesNothing() {
    JsonlSegmentStore jsonl = jsonl();
    try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(jsonl)) {
      assertThat(store.getMessages("nobody")).isEmpty();
    }
    assertThat(jsonl.listSessions()).isEmpty();
  }

  private JsonlSegmentStore jsonl() {
    return JsonlSegmentStore.open(dir, Durability.NONE);
  }

  /** One token per whitespace-separated word, plus one per message. */
  static final class WordCounter implements TokenCountEstimator {
    @Override
    public int estimateTokenCountInText(String text) {
      return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
      String text =
          switch (message.type()) {
            case SYSTEM -> ((SystemMessage) message).text();
            case USER -> ((UserMessage) message).singleText();
            case AI -> String.valueOf(((AiMessage) message).text());
            default -> message.toString();
          };
      return 1 + estimateTokenCountInText(text);
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
      int total = 0;
      for (ChatMessage m : messages) {
        total += estimateTokenCountInMessage(m);
      }
      return total;
    }
  }
}
