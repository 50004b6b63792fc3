package io.github.agentledger.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/** The README's three lines, run as written. */
class SpringAiQuickStartTest {
  @TempDir Path dir;

  @Test
  void theThreeLinesOfTheReadme() {
    ChatModel model =
        prompt ->
            new ChatResponse(
                List.of(
                    new Generation(
                        new AssistantMessage("seen " + prompt.getInstructions().size()))));
    SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(JsonlSegmentStore.open(dir, Durability.GROUP_COMMIT));
    ChatMemory memory = MessageWindowChatMemory.builder().chatMemoryRepository(repository).build();
    ChatClient client = ChatClient.builder(model).defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build()).build();

    assertThat(ask(client, "one")).isEqualTo("seen 1");
    assertThat(ask(client, "two")).isEqualTo("seen 3");
    assertThat(repository.findConversationIds()).containsExactly("chat-42");
    repository.close();
  }

  private static String ask(ChatClient client, String text) {
    return client.prompt().user(text)
        .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, "chat-42")).call().content();
  }
}
