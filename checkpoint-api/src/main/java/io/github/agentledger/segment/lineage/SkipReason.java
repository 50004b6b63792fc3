package io.github.agentledger.segment.lineage;

import io.github.agentledger.segment.SegmentLockedException;

/** Why retention left a selected session in place. */
public enum SkipReason {
  /** A writer held one of its segments ({@link SegmentLockedException}). */
  HELD_BY_WRITER,
  /** It was written after it was selected, so it is no longer the session that was selected. */
  MODIFIED_SINCE_SELECTED
}
