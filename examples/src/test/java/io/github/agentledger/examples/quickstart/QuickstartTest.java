package io.github.agentledger.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointTrailer;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {
  @TempDir Path workDir;

  @Test
  void recordsCommitsWritesAndReadsBackTheCheckpoint() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    QuickstartResult result =
        Quickstart.run(workDir, new PrintStream(sink, true, StandardCharsets.UTF_8));

    String printed = sink.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("1. segment log: 8 entries in session " + result.sessionId())
        .contains("trailer Entire-Checkpoint: " + result.checkpointId())
        .contains("3. checkpoint " + result.checkpointId() + " written")
        .contains("prompts [" + Quickstart.PROMPT + "]")
        .contains("transcript: 8 lines; the leaked key was redacted")
        .contains("5. restored segment: 1 turn, 4 history items")
        .contains("Done. Look around: git -C " + result.repository());
    try (Git git = Git.open(result.repository().toFile())) {
      try (RevWalk walk = new RevWalk(git.getRepository())) {
        RevCommit head = walk.parseCommit(git.getRepository().resolve(Constants.HEAD));
        assertThat(head.getId().name()).isEqualTo(result.commit().value());
        assertThat(CheckpointTrailer.parseAll(head.getFullMessage()))
            .containsExactly(result.checkpointId());
      }
      assertThat(git.getRepository().exactRef("refs/heads/entire/checkpoints/v1")).isNotNull();
      assertThat(git.status().call().isClean()).isTrue();
      CheckpointStore store = JGitCheckpointStore.builder(git.getRepository()).build();
      assertThat(store.linkedCheckpoints(result.commit())).containsExactly(result.checkpointId());
      SessionContent session = store.readLatestSession(result.checkpointId()).orElseThrow();
      byte[] segment = Files.readAllBytes(result.segmentRoot()
          .resolve(result.sessionId().toString()).resolve(result.segmentId() + ".jsonl"));
      String segmentText = new String(segment, StandardCharsets.UTF_8);
      assertThat(segmentText).contains(Quickstart.LEAKED_KEY);
      List<String> stored = session.transcript().utf8().lines().toList();
      List<String> written = segmentText.lines().toList();
      assertThat(stored).hasSameSizeAs(written);
      for (int i = 0; i < written.size(); i++) {
        if (written.get(i).contains(Quickstart.LEAKED_KEY)) {
          assertThat(stored.get(i)).doesNotContain(Quickstart.LEAKED_KEY).contains("REDACTED");
        } else {
          assertThat(stored.get(i)).isEqualTo(written.get(i));
        }
      }
      assertThat(session.prompts()).containsExactly(Quickstart.PROMPT);
      assertThat(session.metadata().sessionId().value()).isEqualTo(result.sessionId().toString());
    }
    RestoredState state = JsonlSegmentStore.open(result.segmentRoot(), Durability.NONE)
        .restore(result.sessionId(), result.segmentId());
    assertThat(state.turnCount()).isEqualTo(1);
    assertThat(state.entryCount()).isEqualTo(8);
  }
}
