/**
 * Push and fetch of checkpoint refs through a git remote.
 *
 * <p>The entry point is {@link io.github.agentledger.checkpoint.jgit.sync.CheckpointSync}: build
 * one over a JGit {@code Repository} with {@code CheckpointSync.builder(repository)}. It pushes and
 * fetches the v1 branch and the v2 refs through JGit's transports; remote refs only
 * fast-forward, and a push or fetch that finds the two sides diverged reconciles them (merge or
 * replay) without losing a checkpoint. Each call returns a
 * {@link io.github.agentledger.checkpoint.jgit.sync.SyncResult}; a remote that cannot be reached
 * throws {@link io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException}. The other
 * classes of this package (plans, reconcilers, tree, session and generation merges, replay,
 * ancestry) are package-private.
 */
@NullMarked
package io.github.agentledger.checkpoint.jgit.sync;

import org.jspecify.annotations.NullMarked;
