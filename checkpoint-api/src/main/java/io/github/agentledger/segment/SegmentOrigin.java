package io.github.agentledger.segment;

import java.util.Objects;

/**
 * Where a segment came from: the segment it was forked or compacted from, and the turn it was cut
 * at.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessionId the session of the source segment
 * @param segmentId the source segment
 * @param atTurnIndex the {@code turn_count} of the latest {@code turn_end} before the cut; 0 means
 *     before any turn completed
 */
public record SegmentOrigin(SessionId sessionId, SegmentId segmentId, long atTurnIndex) {
  /**
   * Validates the components.
   *
   * @param sessionId the session of the source segment
   * @param segmentId the source segment
   * @param atTurnIndex the {@code turn_count} of the latest {@code turn_end} before the cut; 0
   *     means before any turn completed
   */
  public SegmentOrigin {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    if (atTurnIndex < 0) {
      throw new IllegalArgumentException("atTurnIndex is negative: " + atTurnIndex);
    }
  }
}
