package io.github.agentledger.springai;

import io.github.agentledger.segment.ChatMemoryProcessContract;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * Child JVM for {@link ChatMemoryRepositoryProcessTest} ({@link
 * ChatMemoryProcessContract#childMain}), through a {@link SegmentChatMemoryRepository} and a
 * {@link MessageWindowChatMemory}.
 */
final class RepositoryChildMain {
  private RepositoryChildMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String id = args[1];
    try (SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(
        JsonlSegmentStore.open(Path.of(args[0]), Durability.FSYNC_EACH))) {
      ChatMemory memory = MessageWindowChatMemory.builder()
          .chatMemoryRepository(repository).maxMessages(20).build();
      if (args[2].equals("hold")) {
        memory.add(id, new UserMessage("held by the child"));
        out.println("held");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } else {
        for (int i = 0; i < 100_000; i++) {
          String text = ChatMemoryProcessContract.text(i);
          memory.add(id, i % 2 == 0 ? new UserMessage(text) : new AssistantMessage(text));
          out.println(i);
        }
      }
    }
    out.println("closed");
  }
}
