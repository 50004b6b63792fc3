package io.github.agentledger.segment;

/** Proves the conversation contract against the test-only in-memory store. */
class InMemoryConversationTest extends ConversationContract {
  @Override
  protected SegmentStore newStore() {
    return new InMemorySegmentStore();
  }
}
