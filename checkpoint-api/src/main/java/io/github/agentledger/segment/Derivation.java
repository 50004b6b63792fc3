package io.github.agentledger.segment;

import java.util.Objects;

/**
 * The origin of a derived segment, as its {@code segment_start} records it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind fork or compaction
 * @param source the segment it came from and the turn it was cut at
 */
public record Derivation(DerivationKind kind, SegmentOrigin source) {
  /**
   * Validates the components.
   *
   * @param kind fork or compaction
   * @param source the segment it came from and the turn it was cut at
   */
  public Derivation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
  }

  /** {@return the source segment} */
  public SegmentRef sourceSegment() {
    return new SegmentRef(source.sessionId(), source.segmentId());
  }
}
