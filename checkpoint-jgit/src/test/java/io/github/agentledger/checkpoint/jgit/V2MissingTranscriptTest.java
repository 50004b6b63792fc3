package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_A;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_C;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V2_CURRENT;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V2_MAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.BlobId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.ContentHashCheck;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.TranscriptNotAvailable;
import io.github.agentledger.checkpoint.TranscriptNotAvailableException;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw transcript missing from the object database under v2 {@code /full} (issue 13 item 2):
 * the seed-shape repository is built with {@code git} plumbing (loose objects), then the blob of
 * one transcript chunk is deleted, as a partial clone or a pruned mirror lacks it.
 */
class V2MissingTranscriptTest {
  private static final String SECOND_CHUNK = "c0/ffee123456/0/full.jsonl.001";

  @TempDir Path temp;
  private FixtureRepository fixture;
  private GitCli git;
  private String missing;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  @BeforeEach
  void dropAChunk() throws Exception {
    fixture = EntireLayoutFixtures.v2Seed(temp.resolve("origin"));
    git = GitCli.in(fixture.workTree(), temp.resolve("home"), EntireLayoutFixtures.T0);
    missing = git.text("rev-parse", V2_CURRENT + ":" + SECOND_CHUNK);
  }

  private static void deleteLoose(Path gitDir, String object) throws Exception {
    Files.delete(gitDir.resolve("objects").resolve(object.substring(0, 2))
        .resolve(object.substring(2)));
  }

  private static byte[] expectedTranscript(FixtureRepository fixture, String id) {
    return fixture.checkpoint(id).sessions().get(0).transcript();
  }

  @Test
  void theSessionReadsWithItsHashAndNamesTheMissingObject() throws Exception {
    deleteLoose(fixture.gitDir(), missing);
    try (Repository repository = TestRepos.openOnDisk(fixture.workTree())) {
      JGitCheckpointStore store =
          TestRepos.store(repository).layout(CheckpointLayout.V2).build();

      SessionContent session = store.readSession(CheckpointId.parse(CP_C), 0).orElseThrow();

      ExpectedSession expected = fixture.checkpoint(CP_C).sessions().get(0);
      assertThat(session.metadata().sessionId().value()).isEqualTo(expected.sessionId());
      assertThat(session.prompts()).isEqualTo(expected.prompts());
      assertThat(session.contentHash())
          .contains(FixtureLayouts.sha256(expectedTranscript(fixture, CP_C)));
      assertThat(session.transcript().isEmpty()).isTrue();
      assertThat(session.transcriptNotAvailable()).contains(new TranscriptNotAvailable(
          CheckpointId.parse(CP_C), 0, SECOND_CHUNK, BlobId.parse(missing)));
      assertThat(session.verifyContentHash()).isInstanceOf(ContentHashCheck.NotAvailable.class);
      assertThatThrownBy(session::requireTranscript)
          .isInstanceOf(TranscriptNotAvailableException.class)
          .hasMessageContaining(CP_C).hasMessageContaining("slot 0")
          .hasMessageContaining(missing);
      assertThat(store.readSession(CheckpointId.parse(CP_C), AgentSessionId.of(
          expected.sessionId()))).contains(session);
      assertThat(store.readLatestSession(CheckpointId.parse(CP_C))).contains(session);
    }
  }

  @Test
  void listingSummariesAndOtherCheckpointsNeverFailBecauseOfIt() throws Exception {
    deleteLoose(fixture.gitDir(), missing);
    try (Repository repository = TestRepos.openOnDisk(fixture.workTree())) {
      JGitCheckpointStore store =
          TestRepos.store(repository).layout(CheckpointLayout.V2).build();

      assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
          .containsExactlyElementsOf(fixture.newestFirst().stream()
              .map(c -> CheckpointId.parse(c.id())).toList());
      assertThat(store.readSummary(CheckpointId.parse(CP_C)).orElseThrow().sessions())
          .hasSize(1);
      SessionContent intact = store.readSession(CheckpointId.parse(CP_A), 0).orElseThrow();
      assertThat(intact.requireTranscript())
          .isEqualTo(Transcript.of(expectedTranscript(fixture, CP_A)));
      assertThat(intact.verifyContentHash()).isInstanceOf(ContentHashCheck.Matches.class);
    }
  }

  @Test
  void withOptInTheObjectIsFetchedFromTheNamedRemoteAndNoRefMoves() throws Exception {
    git.text("config", "uploadpack.allowAnySHA1InWant", "true");
    Path cloneDir = temp.resolve("clone");
    Files.createDirectories(cloneDir);
    GitCli clone = GitCli.in(cloneDir, temp.resolve("clone-home"), EntireLayoutFixtures.T0);
    clone.text("init", "-q", "-b", "main");
    clone.text("remote", "add", "upstream", fixture.workTree().toString());
    clone.text("-c", "fetch.unpackLimit=1000000", "fetch", "-q", "upstream",
        V2_MAIN + ":" + V2_MAIN, V2_CURRENT + ":" + V2_CURRENT);
    deleteLoose(cloneDir.resolve(".git"), missing);
    String currentBefore = clone.text("rev-parse", V2_CURRENT);
    try (Repository repository = TestRepos.openOnDisk(cloneDir)) {
      JGitCheckpointStore local =
          TestRepos.store(repository).layout(CheckpointLayout.V2).build();
      assertThat(local.readSession(CheckpointId.parse(CP_C), 0).orElseThrow()
          .transcriptNotAvailable()).isPresent();
      JGitCheckpointStore fetching = TestRepos.store(repository).layout(CheckpointLayout.V2)
          .fetchMissingObjectsFrom(CheckpointSync.builder(repository).remote("upstream").build())
          .build();

      SessionContent session = fetching.readSession(CheckpointId.parse(CP_C), 0).orElseThrow();

      assertThat(session.transcriptNotAvailable()).isEmpty();
      assertThat(session.transcript())
          .isEqualTo(Transcript.of(expectedTranscript(fixture, CP_C)));
      assertThat(session.verifyContentHash()).isInstanceOf(ContentHashCheck.Matches.class);
      assertThat(repository.getObjectDatabase().has(ObjectId.fromString(missing))).isTrue();
      assertThat(clone.text("rev-parse", V2_CURRENT)).isEqualTo(currentBefore);
    }
  }
}
