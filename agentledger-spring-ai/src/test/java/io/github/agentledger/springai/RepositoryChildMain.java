package io.github.agentledger.springai;

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
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;

/**
 * Child JVM for {@link ChatMemoryRepositoryProcessTest}, through a {@link
 * SegmentChatMemoryRepository} over a JSONL store at {@code args[0]}, conversation {@code
 * args[1]}. Mode {@code append}: adds messages {@link #message(int)} one at a time through a
 * {@link MessageWindowChatMemory} of 20 messages, printing each index once {@code add} returned,
 * until killed. Mode {@code hold}: adds one message, prints {@code held}, waits for a line on
 * stdin, closes the repository and prints {@code closed}.
 */
final class RepositoryChildMain {
  private RepositoryChildMain() {}

  /** The text of the {@code i}th message the child adds. */
  static String text(int i) {
    return (i % 2 == 0 ? "question " : "answer ") + i;
  }

  /** The {@code i}th message the child adds: questions and answers in turn. */
  static Message message(int i) {
    return i % 2 == 0 ? new UserMessage(text(i)) : new AssistantMessage(text(i));
  }

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
          memory.add(id, message(i));
          out.println(i);
        }
      }
    }
    out.println("closed");
  }
}
