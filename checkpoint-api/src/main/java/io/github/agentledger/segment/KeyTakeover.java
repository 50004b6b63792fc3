package io.github.agentledger.segment;

/**
 * What a fork does with the {@link ConversationKey} of the conversation it forks ({@link
 * Conversation#fork(long, KeyTakeover)}).
 */
public enum KeyTakeover {
  /** The key stays with the forked conversation; the fork has no key. */
  KEEP_ON_ORIGIN,
  /**
   * The key moves to the fork in one atomic, durable step ({@link SegmentStore#rebindKey}): opening
   * the key afterwards opens the fork, and the origin keeps its history but no longer has a key.
   */
  MOVE_TO_FORK
}
