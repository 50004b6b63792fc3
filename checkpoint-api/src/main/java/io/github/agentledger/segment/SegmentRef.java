package io.github.agentledger.segment;

import java.util.Objects;

/**
 * Names one segment of a store: its session and its id.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessionId the session the segment belongs to
 * @param segmentId the segment
 */
public record SegmentRef(SessionId sessionId, SegmentId segmentId) {
  /**
   * Validates the components.
   *
   * @param sessionId the session the segment belongs to
   * @param segmentId the segment
   */
  public SegmentRef {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
  }

  /** {@return {@code "<session>/<segment>"}} */
  @Override
  public String toString() {
    return sessionId + "/" + segmentId;
  }
}
