package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CheckpointTrailer;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.CommitNotFoundException;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads the {@code Entire-Checkpoint:} trailers of a code commit
 * (docs/checkpoint-format.md#identifiers-and-the-commit-trailer). Stateless.
 */
final class LinkedCheckpoints {
  private LinkedCheckpoints() {}

  static List<CheckpointId> of(Repository repository, CommitId commit) {
    try (RevWalk walk = new RevWalk(repository)) {
      return CheckpointTrailer.parseAll(
          walk.parseCommit(ObjectId.fromString(commit.value())).getFullMessage());
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw new CommitNotFoundException(commit, e);
    } catch (IOException e) {
      throw new CheckpointStorageException("reading commit " + commit + " failed: "
          + e.getMessage(), e);
    }
  }
}
