package io.github.agentledger.segment;

/** Proves the keys contract against the test-only in-memory store. */
class InMemorySessionKeysTest extends SessionKeysContract {
  @Override
  protected SegmentStore newStore() {
    return new InMemorySegmentStore();
  }
}
