package io.github.agentledger.examples.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamSyncTest {
  @TempDir Path workDir;

  @Test
  void bothCheckpointsReachTheRemoteAndAliceAfterTheSecondPushReconciles() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    List<CheckpointId> written =
        TeamSync.run(workDir, new PrintStream(sink, true, StandardCharsets.UTF_8));

    String printed = sink.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("2. alice pushes: refs/heads/entire/checkpoints/v1 PUSHED")
        .contains("3. bob pushes:   refs/heads/entire/checkpoints/v1 RECOVERED")
        .contains("4. alice fetches: refs/heads/entire/checkpoints/v1 FETCHED");
    for (String repo : List.of("origin.git", "alice", "bob")) {
      try (Git git = Git.open(workDir.resolve(repo).toFile())) {
        assertThat(JGitCheckpointStore.builder(git.getRepository()).build().list())
            .as(repo)
            .map(CheckpointListEntry::checkpointId)
            .containsExactlyInAnyOrderElementsOf(written);
      }
    }
  }
}
