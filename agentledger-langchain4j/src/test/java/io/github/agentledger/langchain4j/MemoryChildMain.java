package io.github.agentledger.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import io.github.agentledger.segment.ChatMemoryProcessContract;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM for {@link ChatMemoryProcessTest} ({@link ChatMemoryProcessContract#childMain}),
 * through a {@link SegmentChatMemoryStore} and a {@link MessageWindowChatMemory}.
 */
final class MemoryChildMain {
  private MemoryChildMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (SegmentChatMemoryStore store = SegmentChatMemoryStore.over(
        JsonlSegmentStore.open(Path.of(args[0]), Durability.FSYNC_EACH))) {
      ChatMemory memory = MessageWindowChatMemory.builder()
          .id(args[1]).maxMessages(20).chatMemoryStore(store).build();
      if (args[2].equals("hold")) {
        memory.add(UserMessage.from("held by the child"));
        out.println("held");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } else {
        for (int i = 0; i < 100_000; i++) {
          String text = ChatMemoryProcessContract.text(i);
          memory.add(i % 2 == 0 ? UserMessage.from(text) : AiMessage.from(text));
          out.println(i);
        }
      }
    }
    out.println("closed");
  }
}
