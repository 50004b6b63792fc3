package io.github.agentledger.segment.jsonl;

/** What an appender does when its file does not exist. */
enum Presence {
  /** The file must exist: appending never creates a segment. */
  MUST_EXIST,
  /** Create an empty file (traces). */
  CREATE_IF_MISSING
}
