package io.github.agentledger.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/** A ChatClient with the memory advisor over a scripted model: the log keeps the conversation. */
class ChatClientTest {
  @TempDir Path dir;

  /** Answers from a script and records what it was sent; no network. */
  static final class ScriptedModel implements ChatModel {
    final Deque<String> script = new ArrayDeque<>();
    final List<List<Message>> prompts = new ArrayList<>();

    @Override
    public ChatResponse call(Prompt prompt) {
      prompts.add(List.copyOf(prompt.getInstructions()));
      return new ChatResponse(List.of(new Generation(new AssistantMessage(script.removeFirst()))));
    }
  }

  @Test
  void secondCallSeesTheFirstExchangeAfterARestart() {
    ScriptedModel model = new ScriptedModel();
    model.script.add("Hello Ada.");
    model.script.add("Your name is Ada.");
    try (SegmentChatMemoryRepository repository =
        SegmentChatMemoryRepository.over(JsonlSegmentStore.open(dir, Durability.GROUP_COMMIT))) {
      assertThat(ask(model, repository, "I am Ada.")).isEqualTo("Hello Ada.");
    }
    try (SegmentChatMemoryRepository repository =
        SegmentChatMemoryRepository.over(JsonlSegmentStore.open(dir, Durability.GROUP_COMMIT))) {
      assertThat(ask(model, repository, "What is my name?")).isEqualTo("Your name is Ada.");
    }
    List<Message> second = model.prompts.get(1);
    assertThat(second).extracting(Message::getText)
        .containsExactly("I am Ada.", "Hello Ada.", "What is my name?");
    try (Conversation log =
        Conversation.open(JsonlSegmentStore.open(dir, Durability.NONE), ConversationKey.of("ada"))) {
      assertThat(log.history()).extracting(item -> ((HistoryItem.Message) item).text())
          .containsExactly("I am Ada.", "Hello Ada.", "What is my name?", "Your name is Ada.");
      assertThat(log.turnCount()).isEqualTo(2);
    }
  }

  private static String ask(ChatModel model, SegmentChatMemoryRepository repository,
      String question) {
    ChatMemory memory =
        MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(10).build();
    ChatClient client =
        ChatClient.builder(model)
            .defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
            .build();
    return client.prompt()
        .user(question)
        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "ada"))
        .call()
        .content();
  }
}
