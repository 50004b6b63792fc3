package io.github.agentledger.springai;

import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.MessageMapping;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;

/**
 * Spring AI's messages as history items ({@link MessageMapper}); a leading {@link SystemMessage}
 * without metadata is the system prompt, an {@link AssistantMessage} without tool calls ends the
 * turn.
 */
final class SpringAiMapping implements MessageMapping<Message> {
  @Override
  public void toItems(Message message, List<HistoryItem> items) {
    MessageMapper.toItems(message, items);
  }

  @Override
  public List<Message> toMessages(List<HistoryItem> items) {
    return MessageMapper.toMessages(items);
  }

  @Override
  public Optional<String> systemPrompt(Message message) {
    if (message instanceof SystemMessage system && MessageMapper.metadata(system).isEmpty()) {
      return Optional.of(Objects.requireNonNull(system.getText(), "a system message has text"));
    }
    return Optional.empty();
  }

  @Override
  public Message systemPromptMessage(String prompt) {
    return new SystemMessage(prompt);
  }

  @Override
  public boolean endsTurn(Message message) {
    return message instanceof AssistantMessage a && !a.hasToolCalls();
  }
}
