package io.github.agentledger.examples.inspect;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointTrailer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds the code commits whose {@code Entire-Checkpoint:} trailers name a checkpoint: the
 * commits reachable from local and remote-tracking branches other than the checkpoint branches
 * themselves, newest first, at most {@value #MAX_COMMITS} of them. Read-only; stateless.
 */
final class LinkingCommits {
  static final int MAX_COMMITS = 20_000;

  private LinkingCommits() {}

  /** A code commit that links to a checkpoint: its id and subject line. */
  record Link(String commit, String subject) {}

  static List<Link> of(Repository repository, CheckpointId id) throws IOException {
    List<Link> links = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      walk.sort(RevSort.COMMIT_TIME_DESC);
      boolean any = false;
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix("refs/")) {
        String name = ref.getName();
        boolean branch = name.startsWith("refs/heads/") || name.startsWith("refs/remotes/");
        if (!branch || name.contains("/entire/") || ref.getObjectId() == null) {
          continue;
        }
        RevCommit tip = walk.lookupCommit(ref.getObjectId());
        try {
          walk.parseHeaders(tip);
        } catch (IOException notACommit) {
          continue;
        }
        walk.markStart(tip);
        any = true;
      }
      if (!any) {
        return links;
      }
      int seen = 0;
      for (RevCommit commit : walk) {
        if (++seen > MAX_COMMITS) {
          break;
        }
        if (CheckpointTrailer.parseAll(commit.getFullMessage()).contains(id)) {
          links.add(new Link(commit.name(), commit.getShortMessage()));
        }
      }
    }
    return links;
  }
}
