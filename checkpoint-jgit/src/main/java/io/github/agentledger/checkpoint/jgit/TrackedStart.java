package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Where a checkpoint ref that does not exist locally starts (docs/checkpoint-format.md#real-repositories): at its
 * remote-tracking copy ({@link RefNames#isRemoteTrackingCopy}), as {@code git switch} starts a
 * local branch at the branch it tracks, so that the first write builds on every checkpoint the
 * remote holds instead of starting an unrelated orphan history that hides them until a sync. When
 * several remotes have a copy, {@code origin}'s is taken, else the first remote by name.
 * Stateless.
 */
final class TrackedStart {
  private TrackedStart() {}

  /**
   * The commit a missing {@code ref} starts at.
   *
   * @param walk parses the commit
   * @return the remote-tracking tip, empty when no remote-tracking copy exists
   */
  static Optional<RevCommit> of(Repository repository, RevWalk walk, String ref)
      throws IOException {
    List<Ref> copies = repository.getRefDatabase().getRefsByPrefix(RefNames.REMOTES_PREFIX)
        .stream()
        .filter(r -> RefNames.isRemoteTrackingCopy(r.getName(), ref) && r.getObjectId() != null)
        .sorted(Comparator.comparing((Ref r) -> !RefNames.remoteOf(r.getName(), ref)
            .equals("origin")).thenComparing(Ref::getName))
        .toList();
    if (copies.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(walk.parseCommit(copies.get(0).getObjectId()));
  }
}
