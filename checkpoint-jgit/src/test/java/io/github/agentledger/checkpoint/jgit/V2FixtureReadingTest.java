package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_A;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_B;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_C;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.ContentHashCheck;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.internal.SummaryJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 store reads repositories built by the git command line in both v2 shapes (spec
 * Decision 3): the seed design and the later upstream one.
 */
class V2FixtureReadingTest {
  @TempDir Path temp;

  private Repository repository;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(),
        "the git command line is not installed: fixture tests need it to build repositories");
  }

  @AfterEach
  void close() {
    if (repository != null) {
      repository.close();
    }
  }

  private JGitCheckpointStore open(FixtureRepository fixture) {
    repository = TestRepos.openOnDisk(fixture.workTree());
    return TestRepos.store(repository).layout(CheckpointLayout.V2).build();
  }

  private static void assertReadsEveryCheckpoint(JGitCheckpointStore store,
      FixtureRepository fixture) {
    for (ExpectedCheckpoint cp : fixture.checkpoints()) {
      CheckpointId id = CheckpointId.parse(cp.id());
      assertThat(new String(SummaryJson.encode(store.readSummary(id).orElseThrow()), UTF_8))
          .as(cp.id()).isEqualTo(cp.summaryJson());
      for (ExpectedSession s : cp.sessions()) {
        SessionContent content = store.readSession(id, s.index()).orElseThrow();
        assertThat(new String(SessionMetadataJson.encode(content.metadata(),
            SessionMetadataJson.LegacyStartField.OMIT), UTF_8)).isEqualTo(s.metadataJson());
        assertThat(content.transcript()).as(cp.id()).isEqualTo(Transcript.of(s.transcript()));
        assertThat(content.prompts()).isEqualTo(s.prompts());
        // The raw transcript's stored hash reads as v1's does (issue 13 item 4).
        assertThat(content.contentHash()).as(cp.id())
            .contains(FixtureLayouts.sha256(s.transcript()));
        assertThat(content.verifyContentHash()).as(cp.id())
            .isInstanceOf(ContentHashCheck.Matches.class);
        assertThat(store.readSession(id, AgentSessionId.of(s.sessionId()))).contains(content);
      }
      assertThat(store.generationOf(id)).as(cp.id()).contains(
          location(cp.sessions().get(0).transcriptRef().orElseThrow()));
    }
    assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
        .containsExactlyElementsOf(fixture.newestFirst().stream()
            .map(c -> CheckpointId.parse(c.id())).toList());
    assertThat(store.linkedCheckpoints(CommitId.parse(fixture.codeCommit())))
        .extracting(CheckpointId::value).containsExactlyElementsOf(fixture.linkedCheckpointIds());
  }

  private static GenerationLocation location(String ref) {
    return ref.equals(RefNames.V2_FULL_CURRENT) ? GenerationLocation.current()
        : GenerationLocation.archived(Generations.archiveNumber(ref).orElseThrow());
  }

  @Test
  void readsTheSeedShapeTakingTheCurrentCopyOverTheArchivedOne() {
    FixtureRepository fixture = EntireLayoutFixtures.v2Seed(temp);
    JGitCheckpointStore store = open(fixture);

    assertReadsEveryCheckpoint(store, fixture);
    List<ArchivedGeneration> archived = store.archivedGenerations();
    assertThat(archived).extracting(ArchivedGeneration::number).containsExactly(1L);
    assertThat(archived.get(0).metadata().checkpoints())
        .containsExactly(CheckpointId.parse(CP_A));
    assertThat(store.currentGeneration().orElseThrow().checkpoints())
        .extracting(CheckpointId::value).containsExactly(CP_B, CP_A, CP_C);
    assertThat(store.currentGeneration().orElseThrow().oldestCheckpointAt())
        .contains(fixture.checkpoint(CP_B).latestSession().createdAt());
  }

  @Test
  void readsTheLaterUpstreamShapeNewestArchiveFirstAndIgnoresTheDecoyRef() {
    FixtureRepository fixture = EntireLayoutFixtures.v2Upstream(temp);
    JGitCheckpointStore store = open(fixture);

    assertReadsEveryCheckpoint(store, fixture);
    List<ArchivedGeneration> archived = store.archivedGenerations();
    assertThat(archived).extracting(ArchivedGeneration::number).containsExactly(1L, 2L);
    assertThat(archived.get(0).metadata().checkpoints())
        .containsExactly(CheckpointId.parse(CP_A));
    assertThat(archived.get(0).metadata().newestCheckpointAt()).isEmpty();
    assertThat(archived.get(1).metadata().checkpoints()).extracting(CheckpointId::value)
        .containsExactlyInAnyOrder(CP_A, CP_B);
    assertThat(archived.get(1).metadata().newestCheckpointAt())
        .contains(fixture.checkpoint(CP_A).latestSession().createdAt());
    assertThat(store.currentGeneration().orElseThrow().checkpoints())
        .containsExactly(CheckpointId.parse(CP_C));
  }

  @Test
  void writingIntoAnUpstreamShapeKeepsItsSlotsAndListsEveryCheckpointInGenerationJson() {
    FixtureRepository fixture = EntireLayoutFixtures.v2Upstream(temp);
    JGitCheckpointStore store = open(fixture);
    CheckpointId added = CheckpointId.parse("dddddddddddd");

    store.write(V2LayoutTest.request(added, AgentSessionId.of("s-new"))
        .transcript(V2LayoutTest.lines("{\"new\":1}")).build());
    store.update(new io.github.agentledger.checkpoint.UpdateRequest(CheckpointId.parse(CP_C),
        AgentSessionId.of("s-c0"), V2LayoutTest.lines("{\"final\":1}"), List.of()));

    assertThat(store.currentGeneration().orElseThrow().checkpoints())
        .extracting(CheckpointId::value).containsExactlyInAnyOrder(CP_C, added.value());
    assertThat(store.readSession(CheckpointId.parse(CP_C), 0).orElseThrow().transcript())
        .isEqualTo(V2LayoutTest.lines("{\"final\":1}"));
    assertThat(RefTrees.files(repository, RefNames.V2_FULL_CURRENT).keySet())
        .filteredOn(p -> p.startsWith("c0/ffee123456/0/"))
        .containsExactly("c0/ffee123456/0/content_hash.txt", "c0/ffee123456/0/full.jsonl");
    assertThat(store.readSession(CheckpointId.parse(CP_A), 0).map(SessionContent::transcript))
        .isEqualTo(Optional.of(Transcript.of(fixture.checkpoint(CP_A).sessions().get(0)
            .transcript())));
    GitProcess.Result fsck = GitProcess.run(fixture.workTree(), "fsck", "--strict",
        "--no-dangling");
    assertThat(fsck.exitCode()).as(fsck.stderr() + fsck.stdout()).isZero();
  }
}
