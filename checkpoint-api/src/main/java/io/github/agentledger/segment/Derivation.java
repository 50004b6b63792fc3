package io.github.agentledger.segment;

import java.util.Objects;
import java.util.Optional;

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

  /**
   * Reads the origin a {@code segment_start} records: {@code forked_from} if present, else {@code
   * compacted_from}.
   *
   * @param start the first entry of a segment
   * @return its origin, or empty when the segment starts a lineage
   */
  public static Optional<Derivation> of(LogEntry.SegmentStart start) {
    if (start.forkedFrom().isPresent()) {
      return Optional.of(new Derivation(DerivationKind.FORK, start.forkedFrom().get()));
    }
    return start.compactedFrom().map(from -> new Derivation(DerivationKind.COMPACTION, from));
  }

  /** {@return the source segment} */
  public SegmentRef sourceSegment() {
    return new SegmentRef(source.sessionId(), source.segmentId());
  }
}
