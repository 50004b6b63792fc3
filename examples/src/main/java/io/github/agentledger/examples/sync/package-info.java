/**
 * Checkpoints travel with the team: push and fetch of checkpoint refs with {@link
 * io.github.agentledger.checkpoint.jgit.sync.CheckpointSync}, including a push that finds the remote
 * moved on and reconciles instead of overwriting.
 *
 * <p>Entry point: {@link io.github.agentledger.examples.sync.TeamSync#run}; on the command line,
 * {@code java -jar agentledger-examples.jar sync}.
 */
@NullMarked
package io.github.agentledger.examples.sync;

import org.jspecify.annotations.NullMarked;
