package io.github.agentledger.segment;

import java.util.List;
import java.util.Optional;

/**
 * How a framework's chat messages map onto {@link HistoryItem}s, both ways: what a framework
 * adapter writes for {@link ChatMemories}. Implementations are stateless and thread-safe.
 *
 * @param <M> the framework's message type
 */
public interface MessageMapping<M> {
  /**
   * Adds the history items of one message, in order.
   *
   * @param message the message
   * @param items where to add its items
   * @throws IllegalArgumentException if the message, or a part of it, has no mapping
   */
  void toItems(M message, List<HistoryItem> items);

  /**
   * Maps history items back to messages: the inverse of {@link #toItems}, so that mapping the
   * result again gives {@code items}.
   *
   * @param items the items, in order
   * @return the messages, in order
   */
  List<M> toMessages(List<HistoryItem> items);

  /**
   * Tells whether a message that leads the framework's list is the conversation's system prompt
   * (kept in {@code system_prompt_changed}, not as an item), and its text if so.
   *
   * @param message the first message of a list
   * @return the prompt's text, or empty when the message is an ordinary item
   */
  Optional<String> systemPrompt(M message);

  /**
   * Makes the message that shows a system prompt at the head of the list.
   *
   * @param prompt the prompt's text
   * @return the message
   */
  M systemPromptMessage(String prompt);

  /**
   * Tells whether a message, new at the end of a list, ends the turn (a final answer: an
   * assistant message that asks for no tool).
   *
   * @param message the message
   * @return {@code true} if it ends the turn
   */
  boolean endsTurn(M message);
}
