/**
 * Segment logs in PostgreSQL, through JDBC. See {@link io.github.agentledger.segment.postgres} for
 * the entry point.
 */
module io.github.agentledger.segmentpg {
  requires transitive io.github.agentledger.api;
  requires transitive java.sql;
  requires io.github.agentledger.segmentlog;
  requires static org.jspecify;

  exports io.github.agentledger.segment.postgres;
}
