package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.ConversationReplayContract;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLineageContract;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentRetentionContract;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SegmentStoreContract;
import io.github.agentledger.segment.SessionId;
import java.time.Instant;
import org.junit.jupiter.api.Nested;

/**
 * The API's suites over the PostgreSQL store: the store contract, and the lineage (fork, fork at
 * turn, compaction, auto-fork), retention and conversation services, which run over any store.
 */
class PostgresSegmentStoreContractTest {
  @Nested
  class Store extends SegmentStoreContract {
    @Override
    protected SegmentStore newStore() {
      return PgFixtures.newStore();
    }

    @Override
    protected void corruptLine(
        SegmentStore store, SessionId sessionId, SegmentId segmentId, long lineNumber) {
      PgFixtures.corrupt(store, sessionId, segmentId, lineNumber);
    }
  }

  @Nested
  class Lineage extends SegmentLineageContract {
    @Override
    protected SegmentStore newStore() {
      return PgFixtures.newStore();
    }

    @Override
    protected void corruptLine(SegmentStore store, SegmentRef segment, long lineNumber) {
      PgFixtures.corrupt(store, segment.sessionId(), segment.segmentId(), lineNumber);
    }
  }

  @Nested
  class Retention extends SegmentRetentionContract {
    @Override
    protected SegmentStore newStore() {
      return PgFixtures.newStore();
    }

    @Override
    protected void setLastModified(SegmentStore store, SessionId sessionId, Instant time) {
      PgFixtures.setLastModified(store, sessionId, time);
    }
  }

  @Nested
  class Conversation extends ConversationReplayContract {
    @Override
    protected SegmentStore newStore() {
      return PgFixtures.newStore();
    }
  }
}
