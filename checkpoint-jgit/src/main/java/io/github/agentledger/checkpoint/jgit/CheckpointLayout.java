package io.github.agentledger.checkpoint.jgit;

/**
 * Which on-disk layout a {@link JGitCheckpointStore} reads and writes.
 *
 * <p>More layouts (the v2 refs, dual-write) are added as the project grows; the choice is closed,
 * never a boolean.
 */
public enum CheckpointLayout {
  /**
   * The Entire CLI's v1 layout: every checkpoint on the orphan branch
   * {@code refs/heads/entire/checkpoints/v1}.
   */
  V1
}
