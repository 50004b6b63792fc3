package io.github.agentledger.springai;

import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.KeyBinding;
import io.github.agentledger.segment.SegmentStore;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;

/**
 * A Spring AI {@link ChatMemoryRepository} over a {@link SegmentStore}: each conversation id is a
 * {@link ConversationKey}, each conversation a {@link Conversation}.
 *
 * <p>{@link #saveAll} replaces the conversation as Spring AI's contract says, without rewriting:
 * it appends the messages that are new and moves the visible window to where the list starts, so
 * a memory that evicts old messages leaves them in the log ({@link Conversation#history()}) while
 * {@link #findByConversationId} returns the memory's window. A system message without metadata
 * that leads the list is the conversation's system prompt ({@code system_prompt_changed} when it
 * changes). A final answer (an assistant message without tool calls) ends the turn. {@link
 * #deleteByConversationId} erases or only clears the window, as the {@link DeleteMode} says.
 *
 * <p>The repository keeps each conversation it used open (and its segment's writer lock held)
 * until {@link #close()}: one repository per process and store directory. Thread-safe: calls on
 * one conversation are serialised; calls on different conversations run in parallel.
 */
public final class SegmentChatMemoryRepository implements ChatMemoryRepository, AutoCloseable {
  private final SegmentStore store;
  private final ConversationOptions options;
  private final DeleteMode deleteMode;
  private final Map<ConversationKey, Open> open = new ConcurrentHashMap<>();

  private SegmentChatMemoryRepository(
      SegmentStore store, ConversationOptions options, DeleteMode deleteMode) {
    this.store = Objects.requireNonNull(store, "store");
    this.options = Objects.requireNonNull(options, "options");
    this.deleteMode = Objects.requireNonNull(deleteMode, "deleteMode");
  }

  /**
   * Creates a repository with {@link ConversationOptions#defaults()} whose delete erases.
   *
   * @param store the segment store that keeps the conversations
   * @return the repository; close it to release the conversations' writer locks
   */
  public static SegmentChatMemoryRepository over(SegmentStore store) {
    return over(store, ConversationOptions.defaults(), DeleteMode.ERASE);
  }

  /**
   * Creates a repository.
   *
   * @param store the segment store that keeps the conversations
   * @param options the clock, ids and the start of new conversations
   * @param deleteMode what {@link #deleteByConversationId} does
   * @return the repository; close it to release the conversations' writer locks
   */
  public static SegmentChatMemoryRepository over(
      SegmentStore store, ConversationOptions options, DeleteMode deleteMode) {
    return new SegmentChatMemoryRepository(store, options, deleteMode);
  }

  /**
   * {@return the ids of every conversation in the store, sorted}
   *
   * @throws io.github.agentledger.segment.SegmentLogException if the store cannot be read
   */
  @Override
  public List<String> findConversationIds() {
    List<String> ids = new ArrayList<>();
    for (KeyBinding binding : store.listKeys()) {
      ids.add(binding.key().value());
    }
    ids.sort(null);
    return ids;
  }

  /**
   * {@return the visible messages of the conversation, empty when it does not exist (it is not
   * created)}
   *
   * @param conversationId the conversation id
   * @throws io.github.agentledger.segment.SegmentLogException if the log cannot be read
   */
  @Override
  public List<Message> findByConversationId(String conversationId) {
    ConversationKey key = ConversationKey.of(conversationId);
    Open conversation = open.get(key);
    if (conversation == null) {
      if (store.lookupKey(key).isEmpty()) {
        return List.of();
      }
      conversation = conversation(key);
    }
    synchronized (conversation) {
      List<Message> visible =
          MessageMapper.toMessages(conversation.conversation.visibleMessages());
      if (conversation.systemPrompt.isEmpty()) {
        return visible;
      }
      List<Message> messages = new ArrayList<>(visible.size() + 1);
      messages.add(new SystemMessage(conversation.systemPrompt.get()));
      messages.addAll(visible);
      return messages;
    }
  }

  /**
   * Makes the visible conversation equal {@code messages}: appends the messages that are new (in
   * one atomic append) and moves the window; ends the turn when a new final answer ends the list.
   *
   * @param conversationId the conversation id
   * @param messages the messages, in order
   * @throws IllegalArgumentException if a message type has no mapping
   * @throws io.github.agentledger.segment.SegmentLogException if the log cannot be written;
   *     nothing was written
   */
  @Override
  public void saveAll(String conversationId, List<Message> messages) {
    Objects.requireNonNull(messages, "messages");
    Open conversation = conversation(ConversationKey.of(conversationId));
    synchronized (conversation) {
      Optional<String> prompt = Optional.empty();
      if (!messages.isEmpty()
          && messages.get(0) instanceof SystemMessage system
          && MessageMapper.metadata(system).isEmpty()) {
        prompt = Optional.of(
            Objects.requireNonNull(system.getText(), "a system message has text"));
        messages = messages.subList(1, messages.size());
      }
      if (!prompt.equals(conversation.systemPrompt)) {
        conversation.conversation.changeSystemPrompt(prompt);
        conversation.systemPrompt = prompt;
      }
      // Messages passed before are the same objects: map only the new ones.
      Map<Message, List<HistoryItem>> mapped = new IdentityHashMap<>(messages.size() * 2);
      List<HistoryItem> items = new ArrayList<>(messages.size() + 4);
      boolean lastIsNew = false;
      for (Message message : messages) {
        List<HistoryItem> its = conversation.mapped.get(message);
        lastIsNew = its == null;
        if (its == null) {
          its = new ArrayList<>(1);
          MessageMapper.toItems(message, its);
        }
        mapped.put(message, its);
        items.addAll(its);
      }
      Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
      boolean finalAnswer =
          lastIsNew && last instanceof AssistantMessage a && !a.hasToolCalls();
      // The first save after opening knows no message yet: only the log can tell whether the
      // final answer is new (costs one copy of the state, once per open conversation).
      boolean firstSave = conversation.mapped.isEmpty();
      long before = finalAnswer && firstSave ? conversation.conversation.state().entryCount() : 0;
      conversation.conversation.replaceVisible(items);
      conversation.mapped = mapped;
      if (finalAnswer
          && (!firstSave || conversation.conversation.state().entryCount() != before)) {
        conversation.conversation.endTurn();
      }
    }
  }

  /**
   * Deletes the conversation as the {@link DeleteMode} says: {@link DeleteMode#ERASE} deletes its
   * session and key, {@link DeleteMode#KEEP_HISTORY} clears its visible window. Nothing happens
   * when it does not exist.
   *
   * @param conversationId the conversation id
   * @throws io.github.agentledger.segment.SegmentLogException if the log cannot be changed
   */
  @Override
  public void deleteByConversationId(String conversationId) {
    ConversationKey key = ConversationKey.of(conversationId);
    if (deleteMode == DeleteMode.KEEP_HISTORY) {
      if (open.containsKey(key) || store.lookupKey(key).isPresent()) {
        Open conversation = conversation(key);
        synchronized (conversation) {
          conversation.conversation.clearWindow();
          conversation.mapped = Map.of();
        }
      }
      return;
    }
    Open conversation = open.remove(key);
    if (conversation != null) {
      synchronized (conversation) {
        conversation.conversation.close();
      }
    }
    store.lookupKey(key).ifPresent(store::deleteSession);
  }

  /** Closes every open conversation, releasing their writer locks; closing twice does nothing. */
  @Override
  public void close() {
    for (ConversationKey key : List.copyOf(open.keySet())) {
      Open conversation = open.remove(key);
      if (conversation != null) {
        synchronized (conversation) {
          conversation.conversation.close();
        }
      }
    }
  }

  private Open conversation(ConversationKey key) {
    return open.computeIfAbsent(key, k -> new Open(Conversation.open(store, k, options)));
  }

  /** An open conversation, its prompt, and the items of the messages last saved, by identity. */
  private static final class Open {
    final Conversation conversation;
    Map<Message, List<HistoryItem>> mapped = Map.of();
    Optional<String> systemPrompt;

    Open(Conversation conversation) {
      this.conversation = conversation;
      this.systemPrompt = conversation.state().systemPrompt();
    }
  }
}
