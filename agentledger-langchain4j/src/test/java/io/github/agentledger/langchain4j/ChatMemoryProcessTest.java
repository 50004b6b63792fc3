package io.github.agentledger.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import io.github.agentledger.segment.ChatMemoryProcessContract;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import java.util.List;

/** The threads, two-JVM and SIGKILL tests, through LangChain4j's {@link MessageWindowChatMemory}. */
class ChatMemoryProcessTest extends ChatMemoryProcessContract {
  @Override
  protected SegmentStore newStore(Path directory) {
    return JsonlSegmentStore.open(directory, Durability.FSYNC_EACH);
  }

  @Override
  protected Class<?> childMain() {
    return MemoryChildMain.class;
  }

  @Override
  protected FrameworkMemory open(SegmentStore store) {
    SegmentChatMemoryStore adapter = SegmentChatMemoryStore.over(store);
    return new FrameworkMemory() {
      @Override
      public void add(String memoryId, String text) {
        MessageWindowChatMemory.builder().id(memoryId).maxMessages(10).chatMemoryStore(adapter)
            .build().add(UserMessage.from(text));
      }

      @Override
      public List<String> visibleTexts(String memoryId) {
        return adapter.getMessages(memoryId).stream().map(ChatMemoryProcessTest::text).toList();
      }

      @Override
      public void close() {
        adapter.close();
      }
    };
  }

  private static String text(ChatMessage message) {
    if (message instanceof UserMessage user) {
      return user.singleText();
    }
    return message instanceof AiMessage ai ? ai.text() : message.toString();
  }
}
