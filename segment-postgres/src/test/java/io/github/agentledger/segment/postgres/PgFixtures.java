package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import java.time.Instant;

/** Stores in fresh schemas of the test server, and the hooks the contract suites need. */
final class PgFixtures {
  private PgFixtures() {}

  /** {@return a new, empty store in a schema of its own} */
  static PostgresSegmentStore newStore() {
    return PostgresSegmentStore.builder(TestPostgres.shared().dataSource())
        .schema(TestPostgres.newSchema())
        .open();
  }

  /** Replaces committed line {@code lineNumber} by text that is not JSON, as damage would. */
  static void corrupt(SegmentStore store, SessionId sessionId, SegmentId segmentId, long line) {
    String schema = ((PostgresSegmentStore) store).schema();
    TestPostgres.shared().execute("UPDATE \"" + schema + "\".entries SET line = convert_to("
        + "'{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":', 'UTF8') WHERE session_id = '"
        + sessionId + "' AND segment_id = '" + segmentId + "' AND seq = " + line);
  }

  /** Sets a session's modification time as the store reports it. */
  static void setLastModified(SegmentStore store, SessionId sessionId, Instant time) {
    String schema = ((PostgresSegmentStore) store).schema();
    TestPostgres.shared().execute("UPDATE \"" + schema + "\".segments SET modified_at = '"
        + time + "' WHERE session_id = '" + sessionId + "'");
  }
}
