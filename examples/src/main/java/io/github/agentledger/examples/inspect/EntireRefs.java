package io.github.agentledger.examples.inspect;

import java.io.IOException;
import java.util.List;
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

  private EntireRefs() {}

  /** {@return refs under {@code refs/entire/} that none of {@code known} names, sorted} */
  static List<String> otherCheckpointRefs(Repository repository, List<String> known)
      throws IOException {
    return repository.getRefDatabase().getRefsByPrefix(CHECKPOINT_PREFIX).stream()
        .map(Ref::getName)
        .filter(name -> !known.contains(name) && !name.startsWith(V2_FULL_PREFIX))
        .sorted().toList();
  }
}
