package io.github.agentledger.examples.fork;

import io.github.agentledger.segment.Derivation;
import io.github.agentledger.segment.lineage.SegmentHead;
import java.util.Objects;

/**
 * How the {@link ForkConversation} example ends.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the conversation that was forked, as it stood when forked
 * @param latest where the conversation continues after the automatic fork
 * @param forkOrigin the origin recorded on the fork at turn 1
 */
public record ForkResult(SegmentHead source, SegmentHead latest, Derivation forkOrigin) {
  /**
   * Rejects nulls.
   *
   * @param source the conversation that was forked, as it stood when forked
   * @param latest where the conversation continues after the automatic fork
   * @param forkOrigin the origin recorded on the fork at turn 1
   */
  public ForkResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(forkOrigin, "forkOrigin");
  }
}
