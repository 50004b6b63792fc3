package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.BlobId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.ContentHashCheck;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.TranscriptNotAvailable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored content hash and a missing transcript object read the same way on a git-refs
 * checkpoint ref as on v1 and v2 (issue 13 items 2 and 4): the layout is built with {@code git}
 * plumbing ({@link GitRefsFixture}), then one session's transcript blob is deleted.
 */
class GitRefsMissingTranscriptTest {
  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  @Test
  void theHashReadsAndTheMissingObjectIsNamedByItsPathOnTheRef() throws Exception {
    GitRefsFixture fixture = GitRefsFixture.build(temp);
    String ref = GitRefsFixture.ref(GitRefsFixture.ULID_HISTORY);
    String missing = fixture.git().text("rev-parse", ref + ":1/full.jsonl");
    Files.delete(fixture.gitDir().resolve("objects").resolve(missing.substring(0, 2))
        .resolve(missing.substring(2)));
    try (Repository repository = TestRepos.openOnDisk(fixture.workTree())) {
      JGitCheckpointStore store =
          TestRepos.store(repository).layout(CheckpointLayout.GIT_REFS).build();
      CheckpointId id = CheckpointId.parse(GitRefsFixture.ULID_HISTORY);

      SessionContent absent = store.readSession(id, 1).orElseThrow();
      SessionContent intact = store.readSession(id, 0).orElseThrow();

      assertThat(absent.transcriptNotAvailable()).contains(
          new TranscriptNotAvailable(id, 1, "1/full.jsonl", BlobId.parse(missing)));
      assertThat(absent.contentHash()).contains(FixtureLayouts.sha256(
          (GitRefsFixture.transcriptOf("s-u1") + "\n").getBytes(UTF_8)));
      assertThat(intact.verifyContentHash()).isInstanceOf(ContentHashCheck.Matches.class);
      assertThat(store.list()).extracting(CheckpointListEntry::checkpointId).contains(id);
      assertThat(store.readSummary(id).orElseThrow().sessions()).hasSize(2);
    }
  }
}
