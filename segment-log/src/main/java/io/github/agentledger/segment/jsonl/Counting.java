package io.github.agentledger.segment.jsonl;

/** Whether a {@link LineAppender} keeps an entry count (segments) or not (traces). */
enum Counting {
  /** Count committed non-blank lines on open and keep the count. */
  ENTRIES,
  /** Keep no count (a trace file: its lines are never entries). */
  NONE
}
