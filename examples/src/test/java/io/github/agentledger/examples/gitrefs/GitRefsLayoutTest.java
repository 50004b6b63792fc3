package io.github.agentledger.examples.gitrefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRefsLayoutTest {
  @TempDir Path workDir;

  @Test
  void writesOneRefPerUlidCheckpointAndStillReadsTheV1One() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    List<CheckpointId> written =
        GitRefsLayout.run(workDir, new PrintStream(sink, true, StandardCharsets.UTF_8));

    CheckpointId old = written.get(0);
    CheckpointId second = written.get(2);
    assertThat(old.kind()).isEqualTo(CheckpointId.Kind.LEGACY_HEX);
    assertThat(written.subList(1, 3)).allSatisfy(
        id -> assertThat(id.kind()).isEqualTo(CheckpointId.Kind.ULID));
    String printed = sink.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("4. v1 checkpoint read through the git-refs store: "
        + "[written on the v1 branch]");
    assertThat(printed).contains("   " + second + "  2 session(s)");
    try (Git git = Git.open(workDir.toFile())) {
      List<String> refs = git.getRepository().getRefDatabase()
          .getRefsByPrefix("refs/entire/checkpoints/").stream().map(Ref::getName).toList();
      assertThat(refs).containsExactlyInAnyOrder(
          "refs/entire/checkpoints/" + written.get(1).refShard() + "/" + written.get(1),
          "refs/entire/checkpoints/" + second.refShard() + "/" + second);
      try (RevWalk walk = new RevWalk(git.getRepository())) {
        RevCommit tip = walk.parseCommit(git.getRepository()
            .exactRef("refs/entire/checkpoints/" + second.refShard() + "/" + second)
            .getObjectId());
        assertThat(tip.getParentCount()).isEqualTo(1);
        assertThat(walk.parseCommit(tip.getParent(0)).getParentCount()).isZero();
      }
    }
  }
}
