package io.github.agentledger.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.MessageMapping;
import java.util.List;
import java.util.Optional;

/**
 * LangChain4j's messages as history items ({@link MessageMapper}); a leading {@link SystemMessage}
 * is the system prompt, an {@link AiMessage} without tool requests ends the turn.
 */
final class LangChain4jMapping implements MessageMapping<ChatMessage> {
  @Override
  public void toItems(ChatMessage message, List<HistoryItem> items) {
    MessageMapper.toItems(message, items);
  }

  @Override
  public List<ChatMessage> toMessages(List<HistoryItem> items) {
    return MessageMapper.toMessages(items);
  }

  @Override
  public Optional<String> systemPrompt(ChatMessage message) {
    // A memory keeps its system message first while it evicts after it, which a window over the
    // history cannot show, so that message is the prompt.
    return message instanceof SystemMessage system
        ? Optional.of(system.text())
        : Optional.empty();
  }

  @Override
  public ChatMessage systemPromptMessage(String prompt) {
    return SystemMessage.from(prompt);
  }

  @Override
  public boolean endsTurn(ChatMessage message) {
    return message instanceof AiMessage ai && !ai.hasToolExecutionRequests();
  }
}
