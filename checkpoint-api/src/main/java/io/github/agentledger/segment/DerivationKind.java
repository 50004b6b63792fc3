package io.github.agentledger.segment;

/** How a segment was derived from another one. */
public enum DerivationKind {
  /** A fork: {@code forked_from} on its {@code segment_start}. */
  FORK,
  /** A compaction: {@code compacted_from} on its {@code segment_start}. */
  COMPACTION
}
