package io.github.agentledger.segment.lineage;

/** What {@link SegmentLineage#ensureHeadOrFork} found, and so whether it forked. */
public enum HeadOutcome {
  /** The segment holds exactly the entries the writer left; nothing was written. */
  AT_HEAD,
  /** Another writer appended to the segment; the writer's state was forked to a new segment. */
  FORKED_AFTER_APPEND,
  /** The segment was cut back (truncated); the writer's state was forked to a new segment. */
  FORKED_AFTER_TRUNCATE,
  /** Another writer holds the segment open; the writer's state was forked to a new segment. */
  FORKED_WHILE_HELD;

  /** {@return {@code true} when a new segment was created} */
  public boolean forked() {
    return this != AT_HEAD;
  }
}
