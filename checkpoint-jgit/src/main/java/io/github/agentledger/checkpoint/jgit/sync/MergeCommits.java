package io.github.agentledger.checkpoint.jgit.sync;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The v2 recovery merge (spec §7.3 step 3.2): a commit with parents {@code [local, remote]} whose
 * tree is the {@link CheckpointTreeMerge} of both tips over their merge base (the empty base when
 * the histories are unrelated). Identity from the repository's configuration, time from the clock.
 * Stateless.
 */
final class MergeCommits {
  private MergeCommits() {}

  /**
   * Merges two tips.
   *
   * @return the merge commit (objects flushed)
   */
  static ObjectId merge(Repository repository, ObjectId local, ObjectId remote, String message,
      Clock clock) throws IOException {
    Optional<ObjectId> base = Ancestry.mergeBaseTree(repository, local, remote);
    try (RevWalk walk = new RevWalk(repository);
        ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      ObjectId ours = walk.parseCommit(local).getTree().copy();
      ObjectId theirs = walk.parseCommit(remote).getTree().copy();
      ObjectId tree = CheckpointTreeMerge.merge(reader, inserter, base, ours, theirs);
      PersonIdent ident = V1Replay.committer(repository, clock);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      commit.setParentIds(local, remote);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }
}
