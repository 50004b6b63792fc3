package io.github.agentledger.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's three lines, run as written. */
class LangChain4jQuickStartTest {
  @TempDir Path dir;

  interface Assistant {
    String chat(String message);
  }

  @Test
  void theThreeLinesOfTheReadme() {
    ChatModel model =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder()
                .aiMessage(AiMessage.from("seen " + request.messages().size()))
                .build();
          }
        };
    SegmentChatMemoryStore store = SegmentChatMemoryStore.over(JsonlSegmentStore.open(dir, Durability.GROUP_COMMIT));
    ChatMemoryProvider memories = id -> MessageWindowChatMemory.builder().id(id).maxMessages(20).chatMemoryStore(store).build();
    Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).chatMemoryProvider(memories).build();

    assertThat(assistant.chat("one")).isEqualTo("seen 1");
    assertThat(assistant.chat("two")).isEqualTo("seen 3");
    store.close();
  }
}
