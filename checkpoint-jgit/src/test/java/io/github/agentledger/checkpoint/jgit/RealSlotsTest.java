package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.Learnings;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionNotInCheckpointException;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.WriteRequestBuilder;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slots are directories, not array indexes (issue 13 item 1, spec §14): sparse slot directories,
 * and a summary that lists fewer sessions than there are directories after a merge of two clones.
 */
class RealSlotsTest {
  static final String SPARSE = "a3b2c4d5e6f7";
  static final String MERGED = "0f1e2d3c4b5a";

  @TempDir Path temp;
  private EntireBranch branch;
  private Repository repository;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  private JGitCheckpointStore storeOver(EntireBranch built) {
    repository = built.open();
    return TestRepos.store(repository).build();
  }

  @AfterEach
  void close() {
    if (repository != null) {
      repository.close();
    }
  }

  private JGitCheckpointStore sparseAndMerged() {
    branch = EntireBranch.v1(temp);
    branch.checkpoint(SPARSE).slots(0, 2, 3).commit();
    branch.checkpoint(MERGED).slots(0, 1, 2, 3, 4).listed(0).afterMerge().commit();
    return storeOver(branch);
  }

  private static CheckpointId id(String text) {
    return CheckpointId.parse(text);
  }

  @Test
  void theFixtureHasTheRealShapes() {
    sparseAndMerged();
    Map<String, String> blobs = branch.blobs();
    assertThat(blobs.keySet().stream().filter(p -> p.startsWith("a3/") && p.endsWith(
        "/metadata.json")).toList()).containsExactly("a3/b2c4d5e6f7/0/metadata.json",
        "a3/b2c4d5e6f7/2/metadata.json", "a3/b2c4d5e6f7/3/metadata.json",
        "a3/b2c4d5e6f7/metadata.json");
    assertThat(branch.git().text("log", "-1", "--format=%P%n%s", branch.ref()).split("\n"))
        .satisfies(lines -> {
          assertThat(lines[0].split(" ")).hasSize(2);
          assertThat(lines[1]).isEqualTo("Merge remote session logs");
        });
    assertThat(branch.text(branch.ref(), "0f/1e2d3c4b5a/metadata.json"))
        .contains("\"/0f/1e2d3c4b5a/0/metadata.json\"")
        .doesNotContain("/0f/1e2d3c4b5a/1/");
    branch.git().text("fsck", "--strict", "--no-dangling");
  }

  @Test
  void readSummaryReportsEverySlotDirectoryWithItsRealNumber() {
    JGitCheckpointStore store = sparseAndMerged();

    CheckpointSummary sparse = store.readSummary(id(SPARSE)).orElseThrow();
    assertThat(sparse.sessions()).extracting(SessionPaths::slot).containsExactly(0, 2, 3);
    assertThat(sparse.sessions()).extracting(SessionPaths::metadata).containsExactly(
        "/a3/b2c4d5e6f7/0/metadata.json", "/a3/b2c4d5e6f7/2/metadata.json",
        "/a3/b2c4d5e6f7/3/metadata.json");

    CheckpointSummary merged = store.readSummary(id(MERGED)).orElseThrow();
    assertThat(merged.sessions()).extracting(SessionPaths::slot).containsExactly(0, 1, 2, 3, 4);
    assertThat(merged.sessions().get(3).transcript()).isEqualTo("/0f/1e2d3c4b5a/3/full.jsonl");
    assertThat(merged.sessions().get(3).contentHash())
        .isEqualTo("/0f/1e2d3c4b5a/3/content_hash.txt");
  }

  @Test
  void sessionsReadBySlotNumberBySessionIdAndLatest() {
    JGitCheckpointStore store = sparseAndMerged();

    SessionContent two = store.readSession(id(SPARSE), 2).orElseThrow();
    assertThat(two.sessionIndex()).isEqualTo(2);
    assertThat(two.metadata().sessionId().value()).isEqualTo("s-2");
    assertThat(two.transcript().bytes()).isEqualTo(EntireBranch.transcript(SPARSE, 2));
    assertThat(store.readSession(id(SPARSE), 1)).isEmpty();

    SessionContent byId = store.readSession(id(SPARSE), AgentSessionId.of("s-3")).orElseThrow();
    assertThat(byId.sessionIndex()).isEqualTo(3);
    assertThat(byId.transcript().bytes()).isEqualTo(EntireBranch.transcript(SPARSE, 3));

    SessionContent unlisted = store.readSession(id(MERGED), AgentSessionId.of("s-4"))
        .orElseThrow();
    assertThat(unlisted.sessionIndex()).isEqualTo(4);

    assertThat(store.readLatestSession(id(SPARSE)).orElseThrow().sessionIndex()).isEqualTo(3);
    assertThat(store.readLatestSession(id(MERGED)).orElseThrow().metadata().sessionId().value())
        .isEqualTo("s-4");
  }

  @Test
  void listCountsEverySlotAndNamesTheHighestAsLatest() {
    JGitCheckpointStore store = sparseAndMerged();

    Map<String, CheckpointListEntry> byId = new TreeMap<>();
    store.list().forEach(e -> byId.put(e.checkpointId().value(), e));

    CheckpointListEntry sparse = byId.get(SPARSE);
    assertThat(sparse.sessionCount()).isEqualTo(3);
    assertThat(sparse.latestSessionId()).contains(AgentSessionId.of("s-3"));
    assertThat(sparse.agent()).isEqualTo("Claude Code");
    assertThat(sparse.createdAt()).contains(EntireBranch.T0.plusSeconds(600L * 4));
    CheckpointListEntry merged = byId.get(MERGED);
    assertThat(merged.sessionCount()).isEqualTo(5);
    assertThat(merged.latestSessionId()).contains(AgentSessionId.of("s-4"));
    assertThat(merged.createdAt()).contains(EntireBranch.T0.plusSeconds(600L * 5));
  }

  @Test
  void aNewSessionGetsAnUnusedSlotAndNoOtherSessionsBlobChanges() {
    JGitCheckpointStore store = sparseAndMerged();
    Map<String, String> before = branch.blobs();

    int sparseSlot = store.write(request(SPARSE, "newcomer").build());
    int mergedSlot = store.write(request(MERGED, "newcomer").build());

    assertThat(sparseSlot).isEqualTo(4);
    assertThat(mergedSlot).isEqualTo(5);
    assertOtherSlotsUnchanged(before, branch.blobs(), Map.of(SPARSE, sparseSlot,
        MERGED, mergedSlot));
    assertThat(store.readSummary(id(SPARSE)).orElseThrow().sessions())
        .extracting(SessionPaths::slot).containsExactly(0, 2, 3, 4);
    assertThat(store.readSummary(id(MERGED)).orElseThrow().sessions())
        .extracting(SessionPaths::slot).containsExactly(0, 1, 2, 3, 4, 5);
    String stored = branch.text(branch.ref(), "0f/1e2d3c4b5a/metadata.json");
    for (int n = 0; n <= 5; n++) {
      assertThat(stored).contains("\"/0f/1e2d3c4b5a/" + n + "/metadata.json\"");
    }
    assertThat(store.readSession(id(MERGED), AgentSessionId.of("s-2")).orElseThrow()
        .transcript().bytes()).isEqualTo(EntireBranch.transcript(MERGED, 2));
  }

  @Test
  void aSessionThatOwnsASlotRewritesThatSlotOnly() {
    JGitCheckpointStore store = sparseAndMerged();
    Map<String, String> before = branch.blobs();

    int sparseSlot = store.write(request(SPARSE, "s-2").prompts(List.of("again")).build());
    int mergedSlot = store.write(request(MERGED, "s-3").prompts(List.of("again")).build());

    assertThat(sparseSlot).isEqualTo(2);
    assertThat(mergedSlot).isEqualTo(3);
    assertOtherSlotsUnchanged(before, branch.blobs(), Map.of(SPARSE, 2, MERGED, 3));
    assertThat(store.readSession(id(SPARSE), 2).orElseThrow().prompts())
        .containsExactly("again");
    assertThat(store.readSummary(id(MERGED)).orElseThrow().sessions())
        .extracting(SessionPaths::slot).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void anUpdateFindsTheSlotBySessionIdInAnyDirectory() {
    JGitCheckpointStore store = sparseAndMerged();
    Map<String, String> before = branch.blobs();

    store.update(new UpdateRequest(id(MERGED), AgentSessionId.of("s-3"),
        Transcript.ofUtf8("{\"final\":true}\n"), List.of("final prompt")));

    SessionContent three = store.readSession(id(MERGED), 3).orElseThrow();
    assertThat(three.transcript().utf8()).isEqualTo("{\"final\":true}\n");
    assertThat(three.prompts()).containsExactly("final prompt");
    assertOtherSlotsUnchanged(before, branch.blobs(), Map.of(MERGED, 3));
  }

  @Test
  void anUpdateOfASessionThatOwnsNoSlotFailsAndChangesNothing() {
    JGitCheckpointStore store = sparseAndMerged();
    String tipBefore = branch.git().text("rev-parse", branch.ref());

    assertThatThrownBy(() -> store.update(new UpdateRequest(id(SPARSE),
        AgentSessionId.of("stranger"), Transcript.ofUtf8("{}\n"), List.of("x"))))
        .isInstanceOf(SessionNotInCheckpointException.class)
        .hasMessageContaining(SPARSE).hasMessageContaining("stranger");

    assertThat(branch.git().text("rev-parse", branch.ref())).isEqualTo(tipBefore);
  }

  @Test
  void theSummaryUpdateGoesToTheHighestSlot() {
    JGitCheckpointStore store = sparseAndMerged();
    Map<String, String> before = branch.blobs();

    store.updateSessionSummary(id(SPARSE), new SessionSummary(
        "intent", "outcome", new Learnings(List.of(), List.of(),
            List.of()), List.of(), List.of()));

    assertThat(store.readSession(id(SPARSE), 3).orElseThrow().metadata().summary()).isPresent();
    assertOtherSlotsUnchanged(before, branch.blobs(), Map.of(SPARSE, 3));
  }

  @Test
  void v2MainSharesTheSlotRules() {
    EntireBranch main = EntireBranch.v2Main(temp);
    main.checkpoint(SPARSE).slots(0, 2, 3).noTranscript(0).noTranscript(2).noTranscript(3)
        .commit();
    branch = main;
    repository = main.open();
    JGitCheckpointStore store = TestRepos.store(repository).layout(CheckpointLayout.V2).build();
    Map<String, String> before = main.blobs();

    assertThat(store.readSummary(id(SPARSE)).orElseThrow().sessions())
        .extracting(SessionPaths::slot).containsExactly(0, 2, 3);
    int slot = store.write(request(SPARSE, "newcomer").build());

    assertThat(slot).isEqualTo(4);
    assertOtherSlotsUnchanged(before, main.blobs(), Map.of(SPARSE, 4));
    assertThat(main.blobs(RefNames.V2_FULL_CURRENT)).containsKey("a3/b2c4d5e6f7/4/full.jsonl");
    assertThat(store.readLatestSession(id(SPARSE)).orElseThrow().transcript().utf8())
        .isEqualTo("{\"by\":\"newcomer\"}\n");
    assertThat(store.readSession(id(SPARSE), AgentSessionId.of("s-3")).orElseThrow()
        .sessionIndex()).isEqualTo(3);
  }

  static WriteRequestBuilder request(String id, String session) {
    return WriteRequest.builder(CheckpointId.parse(id), AgentSessionId.of(session))
        .branch("main").agent("agentledger test").checkpointsCount(1)
        .filesTouched(List.of("src/" + session + ".java"))
        .transcript(Transcript.ofUtf8("{\"by\":\"" + session + "\"}\n"));
  }

  /**
   * Every file of the ref outside the written slots (and the summaries of the written
   * checkpoints) has the same blob id as before.
   */
  static void assertOtherSlotsUnchanged(Map<String, String> before, Map<String, String> after,
      Map<String, Integer> written) {
    before.forEach((path, blob) -> {
      boolean rewritten = written.entrySet().stream().anyMatch(w -> {
        String dir = EntireBranch.shard(w.getKey()) + "/";
        return path.equals(dir + "metadata.json") || path.startsWith(dir + w.getValue() + "/");
      });
      if (!rewritten) {
        assertThat(after).as(path).containsEntry(path, blob);
      }
    });
  }
}
