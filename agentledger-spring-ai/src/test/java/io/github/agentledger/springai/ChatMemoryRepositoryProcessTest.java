package io.github.agentledger.springai;

import io.github.agentledger.segment.ChatMemoryProcessContract;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import java.util.List;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;

/** The threads, two-JVM and SIGKILL tests, through Spring AI's {@link MessageWindowChatMemory}. */
class ChatMemoryRepositoryProcessTest extends ChatMemoryProcessContract {
  @Override
  protected SegmentStore newStore(Path directory) {
    return JsonlSegmentStore.open(directory, Durability.FSYNC_EACH);
  }

  @Override
  protected Class<?> childMain() {
    return RepositoryChildMain.class;
  }

  @Override
  protected FrameworkMemory open(SegmentStore store) {
    SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(store);
    ChatMemory memory =
        MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(10).build();
    return new FrameworkMemory() {
      @Override
      public void add(String memoryId, String text) {
        memory.add(memoryId, new UserMessage(text));
      }

      @Override
      public List<String> visibleTexts(String memoryId) {
        return repository.findByConversationId(memoryId).stream().map(Message::getText).toList();
      }

      @Override
      public void close() {
        repository.close();
      }
    };
  }
}
