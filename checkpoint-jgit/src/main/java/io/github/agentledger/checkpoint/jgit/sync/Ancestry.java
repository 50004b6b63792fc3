package io.github.agentledger.checkpoint.jgit.sync;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/** Questions about commit history that a sync asks: ancestors and merge bases. Stateless. */
final class Ancestry {
  private Ancestry() {}

  /** {@return whether {@code ancestor} is {@code descendant} or one of its ancestors} */
  static boolean isAncestor(Repository repository, AnyObjectId ancestor, AnyObjectId descendant)
      throws IOException {
    if (ancestor.equals(descendant)) {
      return true;
    }
    if (!repository.getObjectDatabase().has(ancestor)) {
      return false;
    }
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
    }
  }

  /** {@return the tree of a merge base of two commits, empty when they share no history} */
  static Optional<ObjectId> mergeBaseTree(Repository repository, AnyObjectId a, AnyObjectId b)
      throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(a));
      walk.markStart(walk.parseCommit(b));
      RevCommit base = walk.next();
      return base == null ? Optional.empty() : Optional.of(base.getTree().copy());
    }
  }

  /** {@return whether two commits share any history} */
  static boolean related(Repository repository, AnyObjectId a, AnyObjectId b) throws IOException {
    return mergeBaseTree(repository, a, b).isPresent();
  }
}
