package io.github.agentledger.segment;

/** Proves the contract suite against the test-only in-memory store. */
class InMemorySegmentStoreTest extends SegmentStoreContract {
  @Override
  protected SegmentStore newStore() {
    return new InMemorySegmentStore();
  }

  @Override
  protected void corruptLine(
      SegmentStore store, SessionId sessionId, SegmentId segmentId, long lineNumber) {
    ((InMemorySegmentStore) store).corrupt(sessionId, segmentId, lineNumber);
  }
}
