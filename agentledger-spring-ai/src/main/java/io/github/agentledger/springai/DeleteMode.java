package io.github.agentledger.springai;

/**
 * What {@link SegmentChatMemoryRepository#deleteByConversationId(String)} does to a conversation.
 *
 * <p>An enum, thread-safe.
 */
public enum DeleteMode {
  /**
   * Erases the conversation as Spring AI's contract says: its session, every segment and its key
   * are deleted; the id later starts a new, empty conversation.
   */
  ERASE,
  /**
   * Keeps the whole history in the log and only clears the visible window ({@code
   * window_cleared}): the conversation reads as empty, and an audit still finds every message.
   */
  KEEP_HISTORY
}
