package io.github.agentledger.langchain4j;

/**
 * What {@link SegmentChatMemoryStore#deleteMessages(Object)} does to a conversation.
 *
 * <p>An enum, thread-safe.
 */
public enum DeleteMode {
  /**
   * Erases the conversation as LangChain4j's contract says: its session, every segment and its
   * key are deleted; the memory id later starts a new, empty conversation.
   */
  ERASE,
  /**
   * Keeps the whole history in the log and only clears the visible window ({@code
   * window_cleared}): the memory reads as empty, and an audit still finds every message.
   */
  KEEP_HISTORY
}
