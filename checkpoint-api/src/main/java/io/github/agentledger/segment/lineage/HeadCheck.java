package io.github.agentledger.segment.lineage;

import java.util.Objects;

/**
 * The result of {@link SegmentLineage#ensureHeadOrFork}: what was found and where to continue.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome what was found
 * @param head where to continue: the same segment and state when {@link HeadOutcome#AT_HEAD},
 *     otherwise the new forked segment and its state
 */
public record HeadCheck(HeadOutcome outcome, SegmentHead head) {
  /**
   * Validates the components.
   *
   * @param outcome what was found
   * @param head where to continue: the same segment and state when {@link HeadOutcome#AT_HEAD},
   *     otherwise the new forked segment and its state
   */
  public HeadCheck {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(head, "head");
  }
}
