package io.github.agentledger.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.github.agentledger.segment.ChatMemories;
import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.SegmentStore;
import java.util.List;
import java.util.Objects;

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
 * <p>The store is a thin layer over {@link ChatMemories}, which says what an update costs (flat in
 * the conversation's length when the memory passes back the messages it got) and how threads and
 * processes share a memory id. The store keeps each conversation it used open (and its segment's
 * writer lock held) until {@link #close()}: one store per process and store directory; another
 * store (in this process or another) on a memory id held open here fails with {@link
 * io.github.agentledger.segment.SegmentLockedException}, having written nothing, until this one
 * is closed. Thread-safe: calls on one memory id are serialised; calls on different ids run in
 * parallel.
 */
public final class SegmentChatMemoryStore implements ChatMemoryStore, AutoCloseable {
  private final ChatMemories<ChatMessage> memories;
  private final DeleteMode deleteMode;

  private SegmentChatMemoryStore(
      SegmentStore store, ConversationOptions options, DeleteMode deleteMode) {
    this.memories = ChatMemories.over(store, options, new LangChain4jMapping());
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
    return memories.messages(key(memoryId));
  }

  /**
   * Makes the visible conversation equal {@code messages}: appends the messages that are new and
   * moves the window, ending the turn when a new final answer ends the list, in one atomic append.
   *
   * @param memoryId the memory id; its {@code toString()} is the conversation key
   * @param messages the chat memory's messages, in order
   * @throws IllegalArgumentException if a message or content type has no mapping; nothing was
   *     written
   * @throws io.github.agentledger.segment.SegmentLockedException if another store holds the
   *     conversation open; nothing was written
   * @throws io.github.agentledger.segment.SegmentLogException if the log cannot be written;
   *     nothing was written
   */
  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    memories.update(key(memoryId), messages);
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
    if (deleteMode == DeleteMode.KEEP_HISTORY) {
      memories.clearWindow(key(memoryId));
    } else {
      memories.erase(key(memoryId));
    }
  }

  /** Closes every open conversation, releasing their writer locks; closing twice does nothing. */
  @Override
  public void close() {
    memories.close();
  }

  private static ConversationKey key(Object memoryId) {
    return ConversationKey.of(Objects.requireNonNull(memoryId, "memoryId").toString());
  }
}
