/**
 * Checkpoint stores kept inside a git repository with JGit, in the Entire CLI's v1 and v2
 * layouts. See {@link io.github.agentledger.checkpoint.jgit} for the entry point.
 */
module io.github.agentledger.jgit {
  requires transitive io.github.agentledger.api;
  // JGit types are part of this module's API (JGitCheckpointStore.builder(Repository),
  // CheckpointSync's Repository and CredentialsProvider): a module that requires this one reads
  // JGit too. gson stays internal.
  requires transitive org.eclipse.jgit;
  requires com.google.gson;
  requires static org.jspecify;

  exports io.github.agentledger.checkpoint.jgit;
  exports io.github.agentledger.checkpoint.jgit.sync;
  exports io.github.agentledger.checkpoint.jgit.redact;
}
