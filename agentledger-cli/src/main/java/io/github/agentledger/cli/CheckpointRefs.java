package io.github.agentledger.cli;

/**
 * The checkpoint ref names the command reads, as {@code docs/checkpoint-format.md} gives them;
 * the one place the command names them (the library keeps its own in a non-exported package).
 */
final class CheckpointRefs {
  /** The v1 orphan branch. */
  static final String V1 = "refs/heads/entire/checkpoints/v1";
  /** The v1 branch as fetched from {@code origin}, which readers fall back to. */
  static final String V1_REMOTE = "refs/remotes/origin/entire/checkpoints/v1";
  /** The v2 metadata ref. */
  static final String V2_MAIN = "refs/entire/checkpoints/v2/main";
  /** The v2 raw-transcript ref of the active generation. */
  static final String V2_CURRENT = "refs/entire/checkpoints/v2/full/current";
  /** The prefix of the v2 raw-transcript refs: {@code current} and 13-digit archives. */
  static final String V2_FULL_PREFIX = "refs/entire/checkpoints/v2/full/";
  /** Everything under here is checkpoint data of some layout. */
  static final String ENTIRE_PREFIX = "refs/entire/";

  /** The prefix of the git-refs layout's refs: {@code <prefix><shard>/<id>}. */
  static final String CHECKPOINTS_PREFIX = "refs/entire/checkpoints/";
  /** The v2 layout's refs, which share {@link #CHECKPOINTS_PREFIX}. */
  static final String V2_PREFIX = "refs/entire/checkpoints/v2/";

  private CheckpointRefs() {}

  /**
   * {@return whether the repository has a ref of the git-refs layout} Any ref under
   * {@link #CHECKPOINTS_PREFIX} but outside {@link #V2_PREFIX} counts, even one whose name does not
   * parse, so that {@code verify} reads the layout and reports it.
   */
  static boolean hasGitRefs(org.eclipse.jgit.lib.Repository repository)
      throws java.io.IOException {
    return repository.getRefDatabase().getRefsByPrefix(CHECKPOINTS_PREFIX).stream()
        .anyMatch(ref -> isGitRefsName(ref.getName()));
  }

  /** {@return whether a ref name belongs to the git-refs layout: under the prefix, not v2} */
  static boolean isGitRefsName(String name) {
    return name.startsWith(CHECKPOINTS_PREFIX) && !name.startsWith(V2_PREFIX);
  }

  /** {@return whether a name under {@link #V2_FULL_PREFIX} is {@code current} or an archive} */
  static boolean isV2FullName(String suffix) {
    return suffix.equals("current") || suffix.matches("[0-9]{13}");
  }
}
