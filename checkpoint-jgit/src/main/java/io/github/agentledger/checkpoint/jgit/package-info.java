/**
 * Checkpoint stores inside a git repository, built on JGit, in the Entire CLI's on-disk layouts.
 *
 * <p>The entry point is {@link io.github.agentledger.checkpoint.jgit.JGitCheckpointStore}: build
 * one over a JGit {@code Repository} with {@code JGitCheckpointStore.builder(repository)}, choosing
 * a {@link io.github.agentledger.checkpoint.jgit.CheckpointLayout}, and optionally a
 * {@link io.github.agentledger.checkpoint.jgit.RetryPolicy} and a
 * {@link io.github.agentledger.checkpoint.jgit.redact.Redactor}. Checkpoints live on refs of their own
 * ({@code refs/heads/entire/checkpoints/v1}, {@code refs/entire/checkpoints/v2/*}, or one ref per
 * checkpoint, {@code refs/entire/checkpoints/<shard>/<id>}, under {@code GIT_REFS}) and never
 * touch the working tree or the index. Every ref move is a compare-and-swap. The v2 layouts
 * ({@code V2}, {@code DUAL_WRITE}, {@code V2_ONLY}) rotate raw-transcript generations; the store's
 * {@code archivedGenerations()}, {@code currentGeneration()} and {@code generationOf(id)} show
 * them.
 *
 * <p>{@link io.github.agentledger.checkpoint.jgit.sync.CheckpointSync} pushes and fetches those refs to
 * and from a git remote through JGit's transports, reconciling diverged histories without losing
 * a checkpoint; each call returns a {@link io.github.agentledger.checkpoint.jgit.sync.SyncResult}.
 * A store reads locally only, unless its builder was given a sync with
 * {@code fetchMissingArchivesFrom(sync)}: then a session whose raw transcript is in no local
 * generation fetches the missing archived generations once and is read again; with
 * {@code fetchMissingCheckpointsFrom(sync)}, a {@code GIT_REFS} read of a checkpoint without a
 * local ref fetches that one ref.
 */
@NullMarked
package io.github.agentledger.checkpoint.jgit;

import org.jspecify.annotations.NullMarked;
