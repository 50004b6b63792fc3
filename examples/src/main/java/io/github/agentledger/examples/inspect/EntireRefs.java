package io.github.agentledger.examples.inspect;

import io.github.agentledger.checkpoint.CheckpointId;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * The names of the Entire CLI's checkpoint refs, as the inspection command looks for them. The
 * stores keep their own (package-private) copy; these are only read, never written.
 */
final class EntireRefs {
  static final String V1_BRANCH = "refs/heads/entire/checkpoints/v1";
  static final String V1_REMOTE_TRACKING = "refs/remotes/origin/entire/checkpoints/v1";
  static final String V2_MAIN = "refs/entire/checkpoints/v2/main";
  static final String V2_FULL_PREFIX = "refs/entire/checkpoints/v2/full/";
  static final String CHECKPOINT_PREFIX = "refs/entire/";
  /** The git-refs layout: {@code refs/entire/checkpoints/<last two of id>/<id>}. */
  static final String GIT_REFS_PREFIX = "refs/entire/checkpoints/";
  static final String V2_PREFIX = "refs/entire/checkpoints/v2/";

  private EntireRefs() {}

  /** {@return refs under {@code refs/entire/} that none of {@code known} names, sorted} */
  static List<String> otherCheckpointRefs(Repository repository, List<String> known)
      throws IOException {
    return repository.getRefDatabase().getRefsByPrefix(CHECKPOINT_PREFIX).stream()
        .map(Ref::getName)
        .filter(name -> !known.contains(name) && !name.startsWith(V2_FULL_PREFIX)
            && !isGitRefsName(name))
        .sorted().toList();
  }

  /** {@return whether a ref sits in the git-refs namespace (v2's refs excepted)} */
  static boolean isGitRefsName(String name) {
    return name.startsWith(GIT_REFS_PREFIX) && !name.startsWith(V2_PREFIX);
  }

  /** {@return the refs in the git-refs namespace, sorted} */
  static List<String> gitRefs(Repository repository) throws IOException {
    return repository.getRefDatabase().getRefsByPrefix(GIT_REFS_PREFIX).stream()
        .map(Ref::getName).filter(EntireRefs::isGitRefsName).sorted().toList();
  }

  /** {@return the existing git-refs ref of a checkpoint, either spelling of its shard} */
  static Optional<String> gitRef(Repository repository, CheckpointId id) throws IOException {
    String shard = id.refShard();
    String folded = id.kind() == CheckpointId.Kind.ULID ? shard.toLowerCase(Locale.ROOT)
        : shard.toUpperCase(Locale.ROOT);
    for (String candidate : List.of(GIT_REFS_PREFIX + shard + "/" + id,
        GIT_REFS_PREFIX + folded + "/" + id)) {
      if (repository.exactRef(candidate) != null) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
