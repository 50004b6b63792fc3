package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.SessionId;
import java.util.Objects;

/**
 * What {@link SegmentMigration} copied of one session.
 *
 * @param sessionId the session
 * @param segments the number of segments copied
 * @param entries the number of entries copied, over all its segments
 * @param traceRecords the number of trace records copied, over all its segments
 */
public record CopiedSession(SessionId sessionId, int segments, long entries, long traceRecords) {
  /**
   * Validates the components.
   *
   * @param sessionId the session
   * @param segments the number of segments copied, zero or more
   * @param entries the number of entries copied, zero or more
   * @param traceRecords the number of trace records copied, zero or more
   */
  public CopiedSession {
    Objects.requireNonNull(sessionId, "sessionId");
    if (segments < 0 || entries < 0 || traceRecords < 0) {
      throw new IllegalArgumentException("counts must not be negative: " + segments + ", "
          + entries + ", " + traceRecords);
    }
  }
}
