package io.github.agentledger.checkpoint.jgit;

/**
 * Which on-disk layouts a {@link JGitCheckpointStore} reads and writes. A closed choice, never a
 * boolean. The names follow the Entire CLI's settings: {@link #DUAL_WRITE} is its
 * {@code checkpoints_v2: true}, {@link #V2_ONLY} its {@code checkpoints_version: 2}; {@link #V2}
 * is the bare v2 store, which neither reads nor writes v1; {@link #GIT_REFS} is the Entire CLI's
 * {@code "type": "git-refs"}.
 */
public enum CheckpointLayout {
  /**
   * The Entire CLI's v1 layout: every checkpoint on the orphan branch
   * {@code refs/heads/entire/checkpoints/v1}.
   */
  V1,
  /**
   * The v2 layout alone: summaries, session metadata and prompts on
   * {@code refs/entire/checkpoints/v2/main}; raw transcripts on
   * {@code refs/entire/checkpoints/v2/full/current}, rotated into numbered archives
   * {@code refs/entire/checkpoints/v2/full/<13 digits>}. The v1 branch is neither read nor
   * written.
   */
  V2,
  /**
   * Both layouts, v1 the source of truth: writes and updates go to v1 (whose failure fails the
   * call), then to v2 best-effort (a v2 failure is logged with the checkpoint id, never thrown).
   * Reads prefer v2 when it has the checkpoint and fall back to v1; the listing merges both.
   */
  DUAL_WRITE,
  /**
   * v2 as the only store written (no v1 writes), with v1 still read: reads prefer v2 and fall back
   * to v1, so checkpoints written before the switch stay visible; the listing merges both.
   */
  V2_ONLY,
  /**
   * The Entire CLI's git-refs layout, its default for new repositories since 2026-09 (docs/git-refs-layout.md):
   * one ref per checkpoint, {@code refs/entire/checkpoints/<last two characters>/<id>}, whose
   * commit tree is the checkpoint directory, with a history of its own (an orphan first, then
   * children). New checkpoint ids are ULIDs. Reads route by id kind (a ULID from its ref only, a
   * hex id from its ref, else from the v1 branch) and the listing unions both, so a repository
   * holding v1 and git-refs checkpoints reads whole. See {@code docs/git-refs-layout.md}.
   */
  GIT_REFS
}
