/**
 * The agentledger API: checkpoint stores ({@link io.github.agentledger.checkpoint}) and segment
 * logs ({@link io.github.agentledger.segment}). It names concepts only and has no runtime
 * dependency; implementations live in {@code io.github.agentledger.jgit} and
 * {@code io.github.agentledger.segmentlog}.
 */
module io.github.agentledger.api {
  requires static transitive org.jspecify;

  exports io.github.agentledger.checkpoint;
  exports io.github.agentledger.segment;
  exports io.github.agentledger.segment.lineage;
}
