/**
 * A modular application using agentledger from the module path. It requires the two store
 * modules only: the API types and JGit's types it uses are read through their
 * {@code requires transitive}.
 */
module io.github.agentledger.examples.modular {
  requires io.github.agentledger.jgit;
  requires io.github.agentledger.segmentlog;
  requires static org.jspecify;
}
