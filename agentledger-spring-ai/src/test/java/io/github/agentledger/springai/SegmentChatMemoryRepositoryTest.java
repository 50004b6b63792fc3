package io.github.agentledger.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;

class SegmentChatMemoryRepositoryTest {
  @TempDir Path dir;

  static List<Message> everyKind() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("channel", "web");
    metadata.put("n", 3);
    return List.of(
        new SystemMessage("Be brief."),
        UserMessage.builder()
            .text("What is in these?")
            .media(
                Media.builder().mimeType(MimeType.valueOf("image/png"))
                    .data("png".getBytes(StandardCharsets.UTF_8)).id("m1").name("cat").build(),
                Media.builder().mimeType(MimeType.valueOf("audio/wav"))
                    .data("https://example.com/a.wav").id("m2").name("clip").build(),
                Media.builder().mimeType(MimeType.valueOf("application/pdf"))
                    .data("pdf".getBytes(StandardCharsets.UTF_8)).id("m3").name("spec.pdf")
                    .build())
            .metadata(metadata)
            .build(),
        AssistantMessage.builder()
            .content("Let me look.")
            .properties(Map.of("model", "m-1"))
            .toolCalls(
                List.of(
                    new AssistantMessage.ToolCall("c1", "function", "describe", "{\"n\":1}"),
                    new AssistantMessage.ToolCall("c2", "function", "ocr", "{bad json")))
            .build(),
        ToolResponseMessage.builder()
            .responses(
                List.of(
                    new ToolResponseMessage.ToolResponse("c1", "describe", "a cat"),
                    new ToolResponseMessage.ToolResponse("c2", "ocr", "no text")))
            .build(),
        new AssistantMessage("A cat."),
        SystemMessage.builder().text("Now be verbose.").metadata(Map.of("by", "ops")).build(),
        new UserMessage("bye"));
  }

  @Test
  void everyMessageTypeReadsBackEqualAfterReopening() {
    List<Message> messages = everyKind();
    try (SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(jsonl())) {
      repository.saveAll("c", messages);
      assertThat(describe(repository.findByConversationId("c"))).isEqualTo(describe(messages));
    }
    try (SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(jsonl())) {
      assertThat(describe(repository.findByConversationId("c"))).isEqualTo(describe(messages));
      assertThat(repository.findConversationIds()).containsExactly("c");
    }
    try (Conversation log = Conversation.open(jsonl(), ConversationKey.of("c"))) {
      assertThat(log.state().systemPrompt()).contains("Be brief.");
      assertThat(log.history().get(2)).isEqualTo(
          new HistoryItem.ToolCall("c1", "describe", "{\"n\":1}"));
      assertThat(((HistoryItem.ToolResult) log.history().get(5)).toolName()).contains("ocr");
      // The list ends with a user message: the turn it opened is still open.
      assertThat(log.turnCount()).isZero();
    }
  }

  @Test
  void messageWindowEvictsFromTheWindowButTheLogKeepsEverything() {
    List<Message> all = new ArrayList<>();
    int visible;
    try (SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(jsonl())) {
      ChatMemory memory =
          MessageWindowChatMemory.builder().chatMemoryRepository(repository).maxMessages(3)
              .build();
      for (int i = 0; i < 5; i++) {
        Message q = new UserMessage("q" + i);
        Message a = new AssistantMessage("a" + i);
        memory.add("w", List.of(q, a));
        all.add(q);
        all.add(a);
      }
      // Spring AI's window decides what stays (at most 3, a suffix); the repository shows it.
      List<Message> window = memory.get("w");
      assertThat(window).hasSizeBetween(1, 3);
      assertThat(describe(window)).isEqualTo(describe(all.subList(10 - window.size(), 10)));
      visible = window.size();
    }
    try (Conversation log = Conversation.open(jsonl(), ConversationKey.of("w"))) {
      assertThat(log.history()).hasSize(10);
      assertThat(log.visibleMessages()).hasSize(visible);
      assertThat(log.turnCount()).isEqualTo(5);
    }
  }

  @Test
  void eraseDeletesTheConversationAndItsKey() {
    JsonlSegmentStore jsonl = jsonl();
    try (SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(jsonl)) {
      repository.saveAll("gone", List.of(new UserMessage("secret")));
      repository.deleteByConversationId("gone");
      assertThat(repository.findByConversationId("gone")).isEmpty();
      assertThat(repository.findConversationIds()).isEmpty();
      assertThat(jsonl.listSessions()).isEmpty();
    }
  }

  @Test
  void keepHistoryClearsOnlyTheVisibleWindow() {
    JsonlSegmentStore jsonl = jsonl();
    try (SegmentChatMemoryRepository repository =
        SegmentChatMemoryRepository.over(
            jsonl, ConversationOptions.defaults(), DeleteMode.KEEP_HISTORY)) {
      ChatMemory memory =
          MessageWindowChatMemory.builder().chatMemoryRepository(repository).build();
      memory.add("k", new UserMessage("before"));
      memory.clear("k");
      assertThat(memory.get("k")).isEmpty();
      memory.add("k", new UserMessage("after"));
      assertThat(describe(memory.get("k"))).isEqualTo(describe(List.of(new UserMessage("after"))));
    }
    try (Conversation log = Conversation.open(jsonl, ConversationKey.of("k"))) {
      assertThat(log.history())
          .extracting(item -> ((HistoryItem.Message) item).text())
          .containsExactly("before", "after");
    }
  }

  @Test
  void readingAnUnknownConversationCreatesNothing() {
    JsonlSegmentStore jsonl = jsonl();
    try (SegmentChatMemoryRepository repository = SegmentChatMemoryRepository.over(jsonl)) {
      assertThat(repository.findByConversationId("nobody")).isEmpty();
    }
    assertThat(jsonl.listSessions()).isEmpty();
  }

  private JsonlSegmentStore jsonl() {
    return JsonlSegmentStore.open(dir, Durability.NONE);
  }

  /** Every field of each message, as plain values (Spring AI's equals ignores some of them). */
  static List<List<Object>> describe(List<Message> messages) {
    List<List<Object>> out = new ArrayList<>();
    for (Message m : messages) {
      List<Object> d = new ArrayList<>();
      d.add(m.getMessageType());
      d.add(m.getText());
      d.add(MessageMapper.metadata(m));
      if (m instanceof UserMessage u) {
        u.getMedia().forEach(media -> d.add(describe(media)));
      }
      if (m instanceof AssistantMessage a) {
        d.add(a.getToolCalls());
        a.getMedia().forEach(media -> d.add(describe(media)));
      }
      if (m instanceof ToolResponseMessage t) {
        d.add(t.getResponses());
      }
      out.add(d);
    }
    return out;
  }

  private static List<Object> describe(Media media) {
    Object data = media.getData();
    return List.of(
        media.getMimeType().toString(), media.getId(), media.getName(),
        data instanceof byte[] bytes ? Arrays.toString(bytes) : data.toString());
  }
}
