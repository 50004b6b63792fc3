package io.github.agentledger.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM for {@link ChatMemoryProcessTest}, through a {@link SegmentChatMemoryStore} over a
 * JSONL store at {@code args[0]}, memory id {@code args[1]}. Mode {@code append}: adds messages
 * {@link #message(int)} one after another through a {@link MessageWindowChatMemory} of 20
 * messages, printing each index once {@code add} returned, until killed. Mode {@code hold}: adds
 * one message, prints {@code held}, waits for a line on stdin, closes the store and prints {@code
 * closed}.
 */
final class MemoryChildMain {
  private MemoryChildMain() {}

  /** The text of the {@code i}th message the child adds. */
  static String text(int i) {
    return (i % 2 == 0 ? "question " : "answer ") + i;
  }

  /** The {@code i}th message the child adds: questions and answers in turn. */
  static ChatMessage message(int i) {
    return i % 2 == 0 ? UserMessage.from(text(i)) : AiMessage.from(text(i));
  }

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
          memory.add(message(i));
          out.println(i);
        }
      }
    }
    out.println("closed");
  }
}
