package io.github.agentledger.segment;

/** Runs the branching-conversation replay over the test-only in-memory store. */
class InMemoryConversationReplayTest extends ConversationReplayContract {
  @Override
  protected SegmentStore newStore() {
    return new InMemorySegmentStore();
  }
}
