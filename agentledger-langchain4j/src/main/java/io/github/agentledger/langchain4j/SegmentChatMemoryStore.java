package io.github.agentledger.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A LangChain4j {@link ChatMemoryStore} over a {@link SegmentStore}: each memory id is a {@link
 * ConversationKey} (its {@code toString()}), each conversation a {@link Conversation}.
 *
 * <p>{@link #updateMessages} never rewrites: it appends the messages that are new and moves the
 * visible window to where the chat memory's list starts, so a memory that evicts old messages
 * leaves them in the log ({@link Conversation#history()}) while {@link #getMessages} returns the
 * memory's window. A system message that leads the list is the conversation's system prompt
 * ({@code system_prompt_changed} when it changes), since a memory keeps it first while evicting
 * after it; a system message elsewhere is an item. A final answer (an {@link AiMessage} without tool requests) ends the turn.
 * Every LangChain4j message type maps both ways; see the adapter's README for the item layout.
 * {@link #deleteMessages} erases or only clears the window, as the {@link DeleteMode} says.
 *
 * <p>The store keeps each conversation it used open (and its segment's writer lock held) until
 * {@link #close()}: one store per process and store directory. Thread-safe: calls on one memory id
 * are serialised; calls on different ids run in parallel.
 */
public final class SegmentChatMemoryStore implements ChatMemoryStore, AutoCloseable {
  private final SegmentStore store;
  private final ConversationOptions options;
  private final DeleteMode deleteMode;
  private final Map<ConversationKey, Open> open = new ConcurrentHashMap<>();

  private SegmentChatMemoryStore(
      SegmentStore store, ConversationOptions options, DeleteMode deleteMode) {
    this.store = Objects.requireNonNull(store, "store");
    this.options = Objects.requireNonNull(options, "options");
    this.deleteMode = Objects.requireNonNull(deleteMode, "deleteMode");
  }

  /**
   * Creates a store with {@link ConversationOptions#defaults()} whose {@code deleteMessages}
   * erases.
   *
   * @param store the segment store that keeps the conversations
   * @return the chat memory store; close it to release the conversations' writer locks
   */
  public static SegmentChatMemoryStore over(SegmentStore store) {
    return over(store, ConversationOptions.defaults(), DeleteMode.ERASE);
  }

  /**
   * Creates a store.
   *
   * @param store the segment store that keeps the conversations
   * @param options the clock, ids and the start of new conversations
   * @param deleteMode what {@link #deleteMessages} does
   * @return the chat memory store; close it to release the conversations' writer locks
   */
  public static SegmentChatMemoryStore over(
      SegmentStore store, ConversationOptions options, DeleteMode deleteMode) {
    return new SegmentChatMemoryStore(store, options, deleteMode);
  }

  /**
   * {@return the visible messages of the conversation, empty when it does not exist (it is not
   * created)}
   *
   * @param memoryId the memory id; its {@code toString()} is the conversation key
   * @throws io.github.agentledger.segment.SegmentLogException if the log cannot be read
   */
  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    ConversationKey key = key(memoryId);
    Open conversation = open.get(key);
    if (conversation == null) {
      if (store.lookupKey(key).isEmpty()) {
        return List.of();
      }
      conversation = conversation(key);
    }
    synchronized (conversation) {
      List<ChatMessage> visible =
          MessageMapper.toMessages(conversation.conversation.visibleMessages());
      if (conversation.systemPrompt.isEmpty()) {
        return visible;
      }
      List<ChatMessage> messages = new ArrayList<>(visible.size() + 1);
      messages.add(SystemMessage.from(conversation.systemPrompt.get()));
      messages.addAll(visible);
      return messages;
    }
  }

  /**
   * Makes the visible conversation equal {@code messages}: appends the messages that are new (in
   * one atomic append) and moves the window; ends the turn when a new final answer ends the list.
   *
   * @param memoryId the memory id; its {@code toString()} is the conversation key
   * @param messages the chat memory's messages, in order
   * @throws IllegalArgumentException if a message or content type has no mapping
   * @throws io.github.agentledger.segment.SegmentLogException if the log cannot be written;
   *     nothing was written
   */
  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    Objects.requireNonNull(messages, "messages");
    Open conversation = conversation(key(memoryId));
    synchronized (conversation) {
      // A leading system message is the memory's pinned prompt: it stays first while the memory
      // evicts after it, which a window over the history cannot show, so it is the system prompt.
      Optional<String> prompt = Optional.empty();
      if (!messages.isEmpty() && messages.get(0) instanceof SystemMessage system) {
        prompt = Optional.of(system.text());
        messages = messages.subList(1, messages.size());
      }
      if (!prompt.equals(conversation.systemPrompt)) {
        conversation.conversation.changeSystemPrompt(prompt);
        conversation.systemPrompt = prompt;
      }
      // Messages the memory passed before are the same objects: map only the new ones.
      Map<ChatMessage, List<HistoryItem>> mapped = new IdentityHashMap<>(messages.size() * 2);
      List<HistoryItem> items = new ArrayList<>(messages.size() + 4);
      boolean lastIsNew = false;
      for (ChatMessage message : messages) {
        List<HistoryItem> its = conversation.mapped.get(message);
        lastIsNew = its == null;
        if (its == null) {
          its = new ArrayList<>(1);
          MessageMapper.toItems(message, its);
        }
        mapped.put(message, its);
        items.addAll(its);
      }
      ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
      boolean finalAnswer =
          lastIsNew && last instanceof AiMessage ai && !ai.hasToolExecutionRequests();
      // The first update after opening knows no message yet: only the log can tell whether the
      // final answer is new (costs one copy of the state, once per open conversation).
      boolean firstUpdate = conversation.mapped.isEmpty();
      long before = finalAnswer && firstUpdate ? conversation.conversation.state().entryCount() : 0;
      conversation.conversation.replaceVisible(items);
      conversation.mapped = mapped;
      if (finalAnswer
          && (!firstUpdate || conversation.conversation.state().entryCount() != before)) {
        conversation.conversation.endTurn();
      }
    }
  }

  /**
   * Deletes the conversation as the {@link DeleteMode} says: {@link DeleteMode#ERASE} deletes its
   * session and key, {@link DeleteMode#KEEP_HISTORY} clears its visible window. Nothing happens
   * when it does not exist.
   *
   * @param memoryId the memory id; its {@code toString()} is the conversation key
   * @throws io.github.agentledger.segment.SegmentLogException if the log cannot be changed
   */
  @Override
  public void deleteMessages(Object memoryId) {
    ConversationKey key = key(memoryId);
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
    Optional<SessionId> session = store.lookupKey(key);
    session.ifPresent(store::deleteSession);
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

  private static ConversationKey key(Object memoryId) {
    return ConversationKey.of(Objects.requireNonNull(memoryId, "memoryId").toString());
  }

  /** An open conversation and the items of the messages last passed to it, by identity. */
  private static final class Open {
    final Conversation conversation;
    Map<ChatMessage, List<HistoryItem>> mapped = Map.of();
    Optional<String> systemPrompt;

    Open(Conversation conversation) {
      this.conversation = conversation;
      this.systemPrompt = conversation.state().systemPrompt();
    }
  }
}
