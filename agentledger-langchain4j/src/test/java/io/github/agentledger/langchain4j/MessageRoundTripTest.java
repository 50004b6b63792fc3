package io.github.agentledger.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.pdf.PdfFile;
import dev.langchain4j.data.video.Video;
import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageRoundTripTest {
  @TempDir Path dir;

  /** Every message type and content kind, with every optional field set one way or the other. */
  static List<ChatMessage> everyKind() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("channel", "web");
    attributes.put("score", 0.5);
    attributes.put("tags", List.of("a", "b"));
    return List.of(
        new SystemMessage("Be brief."),
        UserMessage.builder()
            .name("ada")
            .contents(
                List.of(
                    new TextContent("What is in these? "),
                    new ImageContent("iVBORw0KGgo=", "image/png", ImageContent.DetailLevel.HIGH),
                    new ImageContent(URI.create("https://example.com/cat.jpg")),
                    new AudioContent(Audio.builder().base64Data("UklGRg==").mimeType("audio/wav")
                        .build()),
                    new PdfFileContent(PdfFile.builder().base64Data("JVBERi0=")
                        .mimeType("application/pdf").build()),
                    new PdfFileContent(URI.create("gs://bucket/spec.pdf")),
                    new VideoContent(Video.builder().url("https://example.com/v.mp4")
                        .mimeType("video/mp4").build()),
                    new TextContent("Thanks.")))
            .attributes(attributes)
            .build(),
        AiMessage.builder()
            .text("Let me look.")
            .thinking("The user wants a description.")
            .toolExecutionRequests(
                List.of(
                    ToolExecutionRequest.builder().id("call-1").name("describe")
                        .arguments("{\"n\":1}").build(),
                    ToolExecutionRequest.builder().id("call-2").name("ocr")
                        .arguments("{not json").build()))
            .attributes(Map.of("thinking_signature", "sig-1"))
            .build(),
        ToolExecutionResultMessage.builder().id("call-1").toolName("describe")
            .text("a cat").isError(false).build(),
        ToolExecutionResultMessage.builder().id("call-2").toolName("ocr")
            .text("no text found").isError(true).attributes(Map.of("ms", 12)).build(),
        ToolExecutionResultMessage.from("call-3", "legacy", "unset error flag"),
        AiMessage.from(
            ToolExecutionRequest.builder().id("call-4").name("x").arguments("{}").build()),
        AiMessage.from("A cat."),
        AiMessage.from(""),
        SystemMessage.from("A system message inside the conversation."),
        new CustomMessage(Map.of("kind", "note", "n", 3)),
        UserMessage.from("bye"));
  }

  @Test
  void everyMessageTypeReadsBackEqualAfterReopeningTheStore() {
    List<ChatMessage> messages = everyKind();
    try (SegmentChatMemoryStore store = newStore()) {
      store.updateMessages("chat-1", messages);
      assertThat(store.getMessages("chat-1")).containsExactlyElementsOf(messages);
    }
    try (SegmentChatMemoryStore store = newStore()) {
      assertThat(store.getMessages("chat-1")).containsExactlyElementsOf(messages);
    }
  }

  @Test
  void logHoldsReadableItemsNotAnOpaqueBlob() {
    try (SegmentChatMemoryStore store = newStore()) {
      store.updateMessages("chat-1", everyKind());
    }
    try (Conversation conversation = Conversation.open(jsonl(), ConversationKey.of("chat-1"))) {
      assertThat(conversation.state().systemPrompt()).contains("Be brief.");
      List<HistoryItem> history = conversation.history();
      assertThat(((HistoryItem.Message) history.get(0)).content()).hasSize(8);
      assertThat(history.get(2)).isInstanceOf(HistoryItem.Reasoning.class);
      assertThat(history.get(3)).isEqualTo(
          new HistoryItem.ToolCall("call-1", "describe", "{\"n\":1}"));
      HistoryItem.ToolResult failed = (HistoryItem.ToolResult) history.get(6);
      assertThat(failed.isError()).isTrue();
      assertThat(failed.toolName()).contains("ocr");
    }
  }

  @Test
  void twoConsecutiveAssistantMessagesStayTwo() {
    List<ChatMessage> messages =
        List.of(UserMessage.from("hi"), AiMessage.from("one"), AiMessage.from("two"));
    try (SegmentChatMemoryStore store = newStore()) {
      store.updateMessages("m", messages);
    }
    try (SegmentChatMemoryStore store = newStore()) {
      assertThat(store.getMessages("m")).containsExactlyElementsOf(messages);
    }
  }

  private SegmentChatMemoryStore newStore() {
    return SegmentChatMemoryStore.over(jsonl());
  }

  private JsonlSegmentStore jsonl() {
    return JsonlSegmentStore.open(dir, Durability.NONE);
  }
}
