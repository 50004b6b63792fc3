package io.github.agentledger.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An AI service with a tool, over a scripted model: the whole exchange lands in the log. */
class AiServicesTest {
  @TempDir Path dir;

  interface Assistant {
    String chat(@MemoryId String user, @dev.langchain4j.service.UserMessage String message);
  }

  static final class Weather {
    @Tool("The weather in a city")
    String weather(@P("city") String city) {
      return "sunny in " + city;
    }
  }

  /** Answers from a script and records what it was sent; no network. */
  static final class ScriptedModel implements ChatModel {
    final Deque<AiMessage> script = new ArrayDeque<>();
    final List<List<ChatMessage>> requests = new ArrayList<>();

    @Override
    public ChatResponse doChat(ChatRequest request) {
      requests.add(List.copyOf(request.messages()));
      return ChatResponse.builder().aiMessage(script.removeFirst()).build();
    }
  }

  @Test
  void toolCallingTurnIsKeptAndTheNextTurnSeesIt() {
    ScriptedModel model = new ScriptedModel();
    model.script.add(
        AiMessage.from(
            ToolExecutionRequest.builder().id("c1").name("weather")
                .arguments("{\"arg0\":\"Oslo\"}").build()));
    model.script.add(AiMessage.from("It is sunny in Oslo."));
    model.script.add(AiMessage.from("You asked about Oslo."));
    try (SegmentChatMemoryStore store =
        SegmentChatMemoryStore.over(JsonlSegmentStore.open(dir, Durability.GROUP_COMMIT))) {
      Assistant assistant =
          AiServices.builder(Assistant.class)
              .chatModel(model)
              .tools(new Weather())
              .chatMemoryProvider(
                  id -> MessageWindowChatMemory.builder().id(id).maxMessages(20)
                      .chatMemoryStore(store).build())
              .build();
      assertThat(assistant.chat("ada", "Weather in Oslo?")).isEqualTo("It is sunny in Oslo.");
    }
    // A restarted application continues the conversation from the log.
    try (SegmentChatMemoryStore store =
        SegmentChatMemoryStore.over(JsonlSegmentStore.open(dir, Durability.GROUP_COMMIT))) {
      Assistant assistant =
          AiServices.builder(Assistant.class)
              .chatModel(model)
              .tools(new Weather())
              .chatMemoryProvider(
                  id -> MessageWindowChatMemory.builder().id(id).maxMessages(20)
                      .chatMemoryStore(store).build())
              .build();
      assertThat(assistant.chat("ada", "What did I ask?")).isEqualTo("You asked about Oslo.");
    }
    List<ChatMessage> lastRequest = model.requests.get(2);
    assertThat(lastRequest).hasSize(5);
    assertThat(lastRequest.get(2)).isInstanceOf(ToolExecutionResultMessage.class);
    assertThat(((ToolExecutionResultMessage) lastRequest.get(2)).toolName()).isEqualTo("weather");
    assertThat(lastRequest.get(4)).isEqualTo(UserMessage.from("What did I ask?"));

    try (Conversation log =
        Conversation.open(JsonlSegmentStore.open(dir, Durability.NONE), ConversationKey.of("ada"))) {
      assertThat(log.history()).hasSize(7);
      assertThat(log.history().get(2)).isInstanceOf(HistoryItem.ToolCall.class);
      assertThat(log.history().get(3)).isEqualTo(
          HistoryItem.ToolResult.of("c1", "weather", "sunny in Oslo"));
      assertThat(log.turnCount()).isEqualTo(2);
    }
  }
}
