package io.github.agentledger.segment;

/** Runs the lineage suite over the test-only in-memory store. */
class InMemorySegmentLineageTest extends SegmentLineageContract {
  @Override
  protected SegmentStore newStore() {
    return new InMemorySegmentStore();
  }

  @Override
  protected void corruptLine(SegmentStore store, SegmentRef segment, long lineNumber) {
    ((InMemorySegmentStore) store).corrupt(segment.sessionId(), segment.segmentId(), lineNumber);
  }
}
