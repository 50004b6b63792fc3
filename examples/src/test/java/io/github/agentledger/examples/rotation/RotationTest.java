package io.github.agentledger.examples.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationTest {
  @TempDir Path workDir;

  @Test
  void sevenCheckpointsWithThresholdThreeMakeTwoArchivesAndACurrentGenerationOfOne()
      throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    List<CheckpointId> written =
        Rotation.run(workDir, new PrintStream(sink, true, StandardCharsets.UTF_8));

    String printed = sink.toString(StandardCharsets.UTF_8);
    assertThat(written).hasSize(7).doesNotHaveDuplicates();
    assertThat(printed)
        .contains("2. archived generation 1: 3 checkpoints " + written.subList(0, 3))
        .contains("2. archived generation 2: 3 checkpoints " + written.subList(3, 6))
        .contains("3. current generation: 1 checkpoint " + written.subList(6, 7))
        .contains("4. checkpoint " + written.get(0) + " lives in archived generation 1"
            + " and still reads back: prompts [step 1]");
    try (Git git = Git.open(workDir.toFile())) {
      Repository repository = git.getRepository();
      assertThat(repository.getRefDatabase()
          .getRefsByPrefix("refs/entire/checkpoints/v2/full/").stream().map(Ref::getName))
          .containsExactlyInAnyOrder("refs/entire/checkpoints/v2/full/current",
              "refs/entire/checkpoints/v2/full/0000000000001",
              "refs/entire/checkpoints/v2/full/0000000000002");
      assertThat(repository.exactRef("refs/heads/entire/checkpoints/v1")).isNotNull();
      JGitCheckpointStore v1 = JGitCheckpointStore.builder(repository).build();
      JGitCheckpointStore v2 = JGitCheckpointStore.builder(repository)
          .layout(CheckpointLayout.V2).build();
      assertThat(v1.list()).hasSize(7);
      assertThat(v2.list()).hasSize(7);
      for (int i = 0; i < written.size(); i++) {
        assertThat(v2.readLatestSession(written.get(i)).orElseThrow().transcript().utf8())
            .contains("step " + (i + 1));
      }
      assertThat(v2.generationOf(written.get(4))).contains(GenerationLocation.archived(2));
      assertThat(v2.generationOf(written.get(6))).contains(GenerationLocation.current());
      assertThat(git.status().call().isClean()).isTrue();
    }
  }
}
