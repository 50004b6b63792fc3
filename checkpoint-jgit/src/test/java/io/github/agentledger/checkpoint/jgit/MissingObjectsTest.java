package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.BlobId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.ContentHashCheck;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.TranscriptNotAvailable;
import io.github.agentledger.checkpoint.TranscriptNotAvailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing object is not a missing slot (issue 13 item 2, spec §14): the tree names a
 * {@code full.jsonl} whose blob the object database lacks, as in a partial clone.
 */
class MissingObjectsTest {
  static final String ID = "c0ffee123456";
  static final String OTHER = "a3b2c4d5e6f7";

  @TempDir Path temp;
  private EntireBranch branch;
  private Repository repository;
  private JGitCheckpointStore store;
  private String missing;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  @BeforeEach
  void partialClone() {
    branch = EntireBranch.v1(temp);
    branch.checkpoint(OTHER).slots(0).commit();
    branch.checkpoint(ID).slots(0, 2).context(2).commit();
    missing = branch.dropTranscript(ID, 2);
    repository = branch.open();
    store = TestRepos.store(repository).build();
  }

  @AfterEach
  void close() {
    repository.close();
  }

  @Test
  void theSlotStillReadsAndSaysWhichObjectIsMissing() {
    SessionContent session = store.readSession(CheckpointId.parse(ID), 2).orElseThrow();

    assertThat(session.metadata().sessionId().value()).isEqualTo("s-2");
    assertThat(session.prompts()).containsExactly("Prompt of slot 2 in " + ID, "And then");
    assertThat(session.context()).hasValueSatisfying(c -> assertThat(c).contains("slot 2"));
    assertThat(session.contentHash()).contains(
        FixtureLayouts.sha256(EntireBranch.transcript(ID, 2)));
    assertThat(session.transcript().isEmpty()).isTrue();
    assertThat(session.transcriptNotAvailable()).contains(new TranscriptNotAvailable(
        CheckpointId.parse(ID), 2, "c0/ffee123456/2/full.jsonl", BlobId.parse(missing)));
    assertThat(session.verifyContentHash()).isInstanceOf(ContentHashCheck.NotAvailable.class);
    assertThatThrownBy(session::requireTranscript)
        .isInstanceOf(TranscriptNotAvailableException.class)
        .hasMessageContaining(ID).hasMessageContaining("slot 2").hasMessageContaining(missing);
  }

  @Test
  void readsBySessionIdAndLatestAnswerTheSameWay() {
    assertThat(store.readSession(CheckpointId.parse(ID), AgentSessionId.of("s-2")).orElseThrow()
        .transcriptNotAvailable()).isPresent();
    assertThat(store.readLatestSession(CheckpointId.parse(ID)).orElseThrow()
        .transcriptNotAvailable()).isPresent();
    SessionContent intact = store.readSession(CheckpointId.parse(ID), 0).orElseThrow();
    assertThat(intact.transcriptNotAvailable()).isEmpty();
    assertThat(intact.requireTranscript().bytes()).isEqualTo(EntireBranch.transcript(ID, 0));
  }

  @Test
  void listingAndSummaryNeverFailBecauseOfIt() {
    List<CheckpointListEntry> entries = store.list();

    assertThat(entries).extracting(e -> e.checkpointId().value()).containsExactlyInAnyOrder(ID,
        OTHER);
    CheckpointListEntry entry = entries.stream().filter(e -> e.checkpointId().value()
        .equals(ID)).findFirst().orElseThrow();
    assertThat(entry.sessionCount()).isEqualTo(2);
    assertThat(entry.latestSessionId()).contains(AgentSessionId.of("s-2"));
    assertThat(store.readSummary(CheckpointId.parse(ID)).orElseThrow().sessions()).hasSize(2);
  }

  @Test
  void aWriteOfAnotherSessionKeepsTheMissingBlobNamedInTheTree() {
    Map<String, String> before = branch.blobs();

    int slot = store.write(RealSlotsTest.request(ID, "newcomer").build());

    assertThat(slot).isEqualTo(3);
    assertThat(branch.blobs()).containsEntry("c0/ffee123456/2/full.jsonl", missing);
    RealSlotsTest.assertOtherSlotsUnchanged(before, branch.blobs(), Map.of(ID, 3));
  }
}
