package io.github.agentledger.segment.lineage;

import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * A session as retention sees it: when it was last written and how many segments it holds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessionId the session
 * @param lastModified when any of its segments or traces was last written ({@link
 *     SegmentStore#lastModified})
 * @param segmentCount the number of its segments
 */
public record StoredSession(SessionId sessionId, Instant lastModified, int segmentCount) {
  /**
   * Validates the components.
   *
   * @param sessionId the session
   * @param lastModified when any of its segments or traces was last written
   * @param segmentCount the number of its segments, not negative
   */
  public StoredSession {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(lastModified, "lastModified");
    if (segmentCount < 0) {
      throw new IllegalArgumentException("segmentCount is negative: " + segmentCount);
    }
  }
}
