package io.github.agentledger.checkpoint.jgit;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A repository built by {@link EntireLayoutFixtures} and what a reader should find in it.
 *
 * @param workTree the working tree (the repository is non-bare)
 * @param gitDir the {@code .git} directory
 * @param refs every ref the fixture created, name to commit id (40 hex)
 * @param checkpoints the checkpoints a reader should list, in the order they were written
 * @param codeCommit the commit on {@code main} whose message carries {@code Entire-Checkpoint}
 *     trailers
 * @param linkedCheckpointIds the checkpoint ids of {@code codeCommit}'s trailers, deduplicated, in
 *     order
 */
record FixtureRepository(
    Path workTree,
    Path gitDir,
    Map<String, String> refs,
    List<ExpectedCheckpoint> checkpoints,
    String codeCommit,
    List<String> linkedCheckpointIds) {

  FixtureRepository {
    Objects.requireNonNull(workTree, "workTree");
    Objects.requireNonNull(gitDir, "gitDir");
    refs = Map.copyOf(refs);
    checkpoints = List.copyOf(checkpoints);
    Objects.requireNonNull(codeCommit, "codeCommit");
    linkedCheckpointIds = List.copyOf(linkedCheckpointIds);
  }

  /** {@return the checkpoints sorted as a listing returns them: latest session created first} */
  List<ExpectedCheckpoint> newestFirst() {
    return checkpoints.stream()
        .sorted(Comparator.comparing(
            (ExpectedCheckpoint c) -> c.latestSession().createdAt()).reversed())
        .toList();
  }

  /** {@return the checkpoint with {@code id}} */
  ExpectedCheckpoint checkpoint(String id) {
    return checkpoints.stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("fixture has no checkpoint " + id));
  }
}
