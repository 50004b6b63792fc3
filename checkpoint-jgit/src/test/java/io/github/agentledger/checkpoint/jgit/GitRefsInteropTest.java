package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.GitRefsFixture.EXTRA_SEGMENT;
import static io.github.agentledger.checkpoint.jgit.GitRefsFixture.HEX_MIGRATED;
import static io.github.agentledger.checkpoint.jgit.GitRefsFixture.HEX_V1_ONLY;
import static io.github.agentledger.checkpoint.jgit.GitRefsFixture.MALFORMED_ULID;
import static io.github.agentledger.checkpoint.jgit.GitRefsFixture.ULID_HISTORY;
import static io.github.agentledger.checkpoint.jgit.GitRefsFixture.ULID_LOWER_SHARD;
import static io.github.agentledger.checkpoint.jgit.GitRefsFixture.WRONG_SHARD;
import static io.github.agentledger.checkpoint.jgit.GitRefsFixture.transcriptOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads what {@code git} plumbing laid out as docs/git-refs-layout.md describes, and writes what git accepts. */
class GitRefsInteropTest {
  @TempDir
  Path dir;

  private GitRefsFixture fixture;
  private Repository repository;
  private JGitCheckpointStore store;

  @BeforeEach
  void open() throws Exception {
    assumeTrue(GitCli.isAvailable(), "git is not installed");
    fixture = GitRefsFixture.build(dir);
    repository = new FileRepositoryBuilder().setGitDir(fixture.gitDir().toFile()).build();
    store = TestRepos.store(repository).layout(CheckpointLayout.GIT_REFS).build();
  }

  @AfterEach
  void close() {
    if (repository != null) {
      repository.close();
    }
  }

  @Test
  void readsAUlidCheckpointWithItsHistoryFromItsRef() {
    CheckpointId id = CheckpointId.parse(ULID_HISTORY);

    assertThat(store.readSummary(id).orElseThrow().sessions()).hasSize(2);
    assertThat(store.readSummary(id).orElseThrow().checkpointsCount()).isEqualTo(5);
    SessionContent second = store.readSession(id, 1).orElseThrow();
    assertThat(second.metadata().sessionId()).isEqualTo(AgentSessionId.of("s-u1"));
    assertThat(second.transcript()).isEqualTo(Transcript.ofUtf8(transcriptOf("s-u1") + "\n"));
    assertThat(second.prompts()).containsExactly("prompt of s-u1");
    assertThat(store.readSession(id, AgentSessionId.of("s-u0")).orElseThrow().sessionIndex())
        .isZero();
    assertThat(store.readLatestSession(id).orElseThrow().sessionIndex()).isEqualTo(1);
    assertThat(store.checkpointAuthor(id))
        .contains(Author.of(GitCli.AUTHOR_NAME, GitCli.AUTHOR_EMAIL));
  }

  @Test
  void aHexIdReadsItsRefBeforeTheV1Branch() {
    CheckpointId migrated = CheckpointId.parse(HEX_MIGRATED);

    assertThat(store.readLatestSession(migrated).orElseThrow().metadata().sessionId())
        .isEqualTo(AgentSessionId.of("s-m0-ref"));
    assertThat(store.readSummary(migrated).orElseThrow().checkpointsCount()).isEqualTo(7);
  }

  @Test
  void aHexIdWithoutRefFallsBackToTheV1Branch() {
    CheckpointId v1Only = CheckpointId.parse(HEX_V1_ONLY);

    assertThat(store.readSession(v1Only, 0).orElseThrow().metadata().sessionId())
        .isEqualTo(AgentSessionId.of("s-v0"));
    assertThat(store.readSummary(v1Only).orElseThrow().checkpointsCount()).isEqualTo(4);
  }

  @Test
  void aUlidUnderALowerCaseShardResolvesAfterPackRefs() {
    CheckpointId id = CheckpointId.parse(ULID_LOWER_SHARD);

    assertThat(store.readSession(id, 0).orElseThrow().metadata().sessionId())
        .isEqualTo(AgentSessionId.of("s-l0"));
  }

  @Test
  void listUnionsRefsAndTheV1BranchOnceEachAndIgnoresRefsThatDoNotRoundTrip() {
    List<CheckpointListEntry> entries = store.list();

    assertThat(entries).extracting(e -> e.checkpointId().value()).containsExactly(
        HEX_MIGRATED, ULID_LOWER_SHARD, ULID_HISTORY, HEX_V1_ONLY);
    CheckpointListEntry migrated = entries.get(0);
    assertThat(migrated.latestSessionId()).contains(AgentSessionId.of("s-m0-ref"));
    assertThat(entries.get(2).sessionCount()).isEqualTo(2);
  }

  @Test
  void refsThatNameNoCheckpointAreReportedAsUnreadWithTheirReasonButV2RefsAreNot() {
    assertThat(store.unreadCheckpointRefs()).extracting(UnreadCheckpointRef::ref)
        .containsExactlyInAnyOrder(WRONG_SHARD, EXTRA_SEGMENT, MALFORMED_ULID);
    assertThat(store.unreadCheckpointRefs()).filteredOn(u -> u.ref().equals(WRONG_SHARD))
        .singleElement().satisfies(u -> assertThat(u.reason()).contains("AA").contains("ZN"));
  }

  @Test
  void trailersOfBothKindsLink() {
    assertThat(store.linkedCheckpoints(CommitId.parse(fixture.codeCommit))).containsExactly(
        CheckpointId.parse(ULID_HISTORY), CheckpointId.parse(HEX_MIGRATED));
  }

  @Test
  void aWriteToAGitLaidRefParentsOnItsTipAndGitAcceptsTheResult() {
    CheckpointId id = CheckpointId.parse(ULID_HISTORY);

    int slot = store.write(WriteRequest.builder(id, AgentSessionId.of("s-u2"))
        .author(Author.of("Ada", "ada@example.com")).agent("Codex").branch("main")
        .transcript(Transcript.ofUtf8("{\"n\":1}\n")).build());

    assertThat(slot).isEqualTo(2);
    GitCli git = fixture.git();
    String ref = GitRefsFixture.ref(ULID_HISTORY);
    assertThat(git.text("rev-parse", ref + "^")).isEqualTo(fixture.tipOfHistory);
    assertThat(git.text("rev-list", "--count", ref)).isEqualTo("3");
    assertThat(git.text("show", ref + ":2/metadata.json")).contains("\"session_id\": \"s-u2\"");
    assertThat(git.text("show", ref + ":metadata.json"))
        .contains("\"metadata\": \"/2/metadata.json\"");
    assertThat(git.text("fsck", "--strict", "--no-dangling")).isEmpty();
    assertThat(store.readSession(id, 0).orElseThrow().metadata().sessionId())
        .isEqualTo(AgentSessionId.of("s-u0"));
  }

  @Test
  void forEachRefShowsExactlyTheRefsTheStoreWrote() {
    CheckpointId fresh = store.newCheckpointId();
    CheckpointId hex = CheckpointId.parse("c0ffee123456");
    store.write(WriteRequest.builder(fresh, AgentSessionId.of("s-new")).branch("main").build());
    store.write(WriteRequest.builder(hex, AgentSessionId.of("s-hex")).branch("main").build());

    String refs = fixture.git().text("for-each-ref", "--format=%(refname) %(objecttype)",
        "refs/entire/checkpoints/");

    assertThat(fresh.kind()).isEqualTo(CheckpointId.Kind.ULID);
    assertThat(refs).contains("refs/entire/checkpoints/" + fresh.refShard() + "/" + fresh
        + " commit");
    assertThat(refs).contains("refs/entire/checkpoints/56/c0ffee123456 commit");
    String root = fixture.git().text("ls-tree", "--name-only",
        "refs/entire/checkpoints/" + fresh.refShard() + "/" + fresh);
    assertThat(root.lines()).containsExactly("0", "metadata.json");
    assertThat(fixture.git().text("rev-list", "--parents", "-n", "1",
        "refs/entire/checkpoints/56/c0ffee123456").split(" ")).hasSize(1);
    assertThat(fixture.git().text("fsck", "--strict", "--no-dangling")).isEmpty();
  }
}
