package io.github.agentledger.segment.lineage;

import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentStore;
import java.util.Objects;

/**
 * Where a writer continues after a lineage operation: the segment to append to and its state,
 * exactly as a {@link SegmentStore#restore} of that segment would replay it at this moment.
 *
 * <p>Immutable and thread-safe.
 *
 * @param segment the segment to append to
 * @param state its state; {@code state.entryCount()} is the count to pass to a compare-and-append
 */
public record SegmentHead(SegmentRef segment, RestoredState state) {
  /**
   * Validates the components: the state must belong to the segment's session.
   *
   * @param segment the segment to append to
   * @param state its state; {@code state.entryCount()} is the count to pass to a compare-and-append
   */
  public SegmentHead {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(state, "state");
    if (!state.sessionId().equals(segment.sessionId())) {
      throw new IllegalArgumentException(
          "state of session " + state.sessionId() + " given for segment " + segment);
    }
  }
}
