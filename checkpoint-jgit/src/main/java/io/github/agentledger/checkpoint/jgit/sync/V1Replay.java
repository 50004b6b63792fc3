package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.jgit.internal.Commits;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * Rebases the local v1 branch onto the remote tip by replay (spec §7.2 step 3.5): every local-only
 * non-merge commit, oldest first, has its change against its first parent re-applied onto the
 * growing remote line with {@link CheckpointTreeMerge} (base = the commit's parent, ours = the
 * commit, theirs = the line so far). Sharded paths make this conflict-free for different
 * checkpoints; a checkpoint both sides changed is merged session by session. A replayed commit
 * that changes nothing is skipped. Author and message are kept; the committer is the repository's
 * configured identity at the sync's clock. Unlike the reference, no commit count limit applies:
 * a cap would silently drop checkpoints. Histories without a common commit (two
 * {@code Initialize sessions branch} orphans) need no special case: every local commit is then
 * local-only. Stateless.
 */
final class V1Replay {
  private V1Replay() {}

  /**
   * Replays the commits of {@code local} that {@code remote} lacks onto {@code remote}.
   *
   * @return the new tip (objects flushed); {@code remote} itself when nothing was left to replay
   */
  static ObjectId replay(Repository repository, ObjectId local, ObjectId remote, Clock clock)
      throws IOException {
    List<RevCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      walk.setRevFilter(RevFilter.NO_MERGES);
      walk.markStart(walk.parseCommit(local));
      walk.markUninteresting(walk.parseCommit(remote));
      for (RevCommit commit : walk) {
        walk.parseBody(commit);
        commits.add(commit);
      }
    }
    PersonIdent committer = committer(repository, clock);
    ObjectId tip = remote.copy();
    try (RevWalk walk = new RevWalk(repository);
        ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      ObjectId tipTree = walk.parseCommit(remote).getTree().copy();
      for (RevCommit commit : commits) {
        Optional<ObjectId> parentTree = commit.getParentCount() == 0
            ? Optional.of(inserter.insert(new TreeFormatter()))
            : Optional.of(walk.parseCommit(commit.getParent(0)).getTree().copy());
        ObjectId merged = CheckpointTreeMerge.merge(reader, inserter, parentTree,
            commit.getTree(), tipTree);
        if (merged.equals(tipTree)) {
          continue;
        }
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(merged);
        builder.setParentId(tip);
        builder.setAuthor(commit.getAuthorIdent());
        builder.setCommitter(committer);
        builder.setEncoding(commit.getEncoding());
        builder.setMessage(commit.getFullMessage());
        tip = inserter.insert(builder);
        tipTree = merged;
      }
      inserter.flush();
    }
    return tip;
  }

  static PersonIdent committer(Repository repository, Clock clock) {
    Author who = Commits.configuredAuthor(repository);
    return new PersonIdent(who.name(), who.email(), clock.instant(), clock.getZone());
  }
}
