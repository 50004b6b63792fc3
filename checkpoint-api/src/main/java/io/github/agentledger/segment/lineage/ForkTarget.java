package io.github.agentledger.segment.lineage;

/** Where a fork's new segment goes. */
public enum ForkTarget {
  /** A new segment in the source's session. */
  SAME_SESSION,
  /** A new segment in a new session: a fresh conversation whose origin is still recorded. */
  NEW_SESSION
}
