package io.github.agentledger.springai;

import io.github.agentledger.segment.ChatMemories;
import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.KeyBinding;
import io.github.agentledger.segment.SegmentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.Message;

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
 * <p>The repository is a thin layer over {@link ChatMemories}, which says what a save costs (flat
 * in the conversation's length when the memory passes back the messages it got) and how threads
 * and processes share a conversation. The repository keeps each conversation it used open (and
 * its segment's writer lock held) until {@link #close()}: one repository per process and store
 * directory; another repository (in this process or another) on a conversation held open here
 * fails with {@link io.github.agentledger.segment.SegmentLockedException}, having written
 * nothing, until this one is closed. Thread-safe: calls on one conversation are serialised;
 * calls on different conversations run in parallel.
 */
public final class SegmentChatMemoryRepository implements ChatMemoryRepository, AutoCloseable {
  private final SegmentStore store;
  private final ChatMemories<Message> memories;
  private final DeleteMode deleteMode;

  private SegmentChatMemoryRepository(
      SegmentStore store, ConversationOptions options, DeleteMode deleteMode) {
    this.store = Objects.requireNonNull(store, "store");
    this.memories = ChatMemories.over(store, options, new SpringAiMapping());
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
    return memories.messages(ConversationKey.of(conversationId));
  }

  /**
   * Makes the visible conversation equal {@code messages}: appends the messages that are new and
   * moves the window, ending the turn when a new final answer ends the list, in one atomic append.
   *
   * @param conversationId the conversation id
   * @param messages the messages, in order
   * @throws IllegalArgumentException if a message type has no mapping; nothing was written
   * @throws io.github.agentledger.segment.SegmentLockedException if another repository holds the
   *     conversation open; nothing was written
   * @throws io.github.agentledger.segment.SegmentLogException if the log cannot be written;
   *     nothing was written
   */
  @Override
  public void saveAll(String conversationId, List<Message> messages) {
    memories.update(ConversationKey.of(conversationId), messages);
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
      memories.clearWindow(key);
    } else {
      memories.erase(key);
    }
  }

  /** Closes every open conversation, releasing their writer locks; closing twice does nothing. */
  @Override
  public void close() {
    memories.close();
  }
}
