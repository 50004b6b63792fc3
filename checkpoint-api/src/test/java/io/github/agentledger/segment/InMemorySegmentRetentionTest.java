package io.github.agentledger.segment;

import java.time.Instant;

/** Runs the retention suite over the test-only in-memory store. */
class InMemorySegmentRetentionTest extends SegmentRetentionContract {
  @Override
  protected SegmentStore newStore() {
    return new InMemorySegmentStore();
  }

  @Override
  protected void setLastModified(SegmentStore store, SessionId sessionId, Instant time) {
    ((InMemorySegmentStore) store).setLastModified(sessionId, time);
  }
}
