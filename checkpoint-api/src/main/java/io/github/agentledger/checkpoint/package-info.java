/**
 * Checkpoints: what an AI agent did for one code commit (metadata, prompts, the full JSONL
 * transcript), stored durably beside the code.
 *
 * <p>The entry point is {@code CheckpointStore}; implementations live in other modules (the JGit
 * stores in {@code io.github.agentledger.checkpoint.jgit}). Every failure is a subclass of
 * {@link io.github.agentledger.checkpoint.CheckpointException}.
 */
@NullMarked
package io.github.agentledger.checkpoint;

import org.jspecify.annotations.NullMarked;
