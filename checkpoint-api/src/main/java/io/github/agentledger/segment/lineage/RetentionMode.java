package io.github.agentledger.segment.lineage;

/** Whether a retention operation deletes or only reports what it would delete. */
public enum RetentionMode {
  /** Delete the sessions selected. */
  DELETE,
  /** Delete nothing; report the sessions that {@link #DELETE} would select. */
  DRY_RUN
}
