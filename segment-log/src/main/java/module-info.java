/**
 * Append-only JSONL segment logs on the local file system. See
 * {@link io.github.agentledger.segment.jsonl} for the entry point.
 */
module io.github.agentledger.segmentlog {
  requires transitive io.github.agentledger.api;
  requires com.google.gson;
  requires static org.jspecify;

  exports io.github.agentledger.segment.jsonl;
}
