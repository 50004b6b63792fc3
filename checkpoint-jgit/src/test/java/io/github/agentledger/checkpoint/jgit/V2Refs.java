package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/** Test views of the v2 generation refs. */
final class V2Refs {
  private V2Refs() {}

  /** {@return the archive refs, oldest first} */
  static List<String> archiveRefs(Repository repository) {
    try {
      List<String> refs = new ArrayList<>();
      Generations.archives(repository).forEach(a -> refs.add(a.ref()));
      return refs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the checkpoint ids whose directories the ref's tree holds} */
  static List<CheckpointId> checkpointsOn(Repository repository, String ref) {
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      return Generations.checkpointIds(reader,
          walk.parseCommit(RefTrees.tipId(repository, ref)).getTree());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return how many generations (current and archives) hold each checkpoint} */
  static Map<CheckpointId, Integer> occurrences(Repository repository) {
    Map<CheckpointId, Integer> counts = new HashMap<>();
    List<String> refs = new ArrayList<>(archiveRefs(repository));
    if (RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT) != null) {
      refs.add(RefNames.V2_FULL_CURRENT);
    }
    for (String ref : refs) {
      checkpointsOn(repository, ref).forEach(id -> counts.merge(id, 1, Integer::sum));
    }
    return counts;
  }
}
