package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.InvalidCheckpointIdException;
import io.github.agentledger.checkpoint.InvalidCheckpointRefException;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.Learnings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input under the git-refs layout: each is a typed error naming the ref, and nothing is
 * written (every ref keeps its value, the object database gains no reachable object).
 */
class GitRefsBadInputTest {
  private static final CheckpointId AT_BLOB = CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN");
  private static final CheckpointId AT_TREE = CheckpointId.parse("01KVBJD96J55PB4WRH2EADBE5T");
  private static final CheckpointId NOT_A_DIRECTORY =
      CheckpointId.parse("01KVBJE0000000000000000000");
  private static final CheckpointId V1_SHAPED = CheckpointId.parse("c0ffee123456");
  private static final Instant T1 = Instant.parse("2026-10-01T09:00:00Z");

  @TempDir
  Path dir;

  private GitCli git;
  private GitPlumbing plumbing;
  private Repository repository;
  private JGitCheckpointStore store;

  @BeforeEach
  void open() throws Exception {
    assumeTrue(GitCli.isAvailable(), "git is not installed");
    Path work = dir.resolve("repo");
    Files.createDirectories(work);
    git = GitCli.in(work, dir.resolve("home"), Instant.parse("2026-10-01T09:00:00Z"));
    git.text("init", "-q", "-b", "main");
    plumbing = new GitPlumbing(git);
    SortedMap<String, byte[]> checkpoint = new TreeMap<>();
    GitRefsFixture.putSession(checkpoint, "", AT_TREE.value(), 0, "s", T1);
    GitRefsFixture.putSummary(checkpoint, "", AT_TREE.value(), 1, 1);
    plumbing.updateRef(GitRefsFixture.ref(AT_BLOB.value()),
        plumbing.blob("not a commit".getBytes(UTF_8)));
    plumbing.updateRef(GitRefsFixture.ref(AT_TREE.value()), plumbing.tree(checkpoint));
    SortedMap<String, byte[]> readme = new TreeMap<>();
    readme.put("README.md", "# not a checkpoint\n".getBytes(UTF_8));
    readme.put("src/Main.java", "class Main {}\n".getBytes(UTF_8));
    plumbing.updateRef(GitRefsFixture.ref(NOT_A_DIRECTORY.value()), plumbing.commit(
        T1, plumbing.tree(readme), List.of(), "code\n"));
    // A v1-shaped tree (sharded directories) at a ref: the root is not the checkpoint directory.
    SortedMap<String, byte[]> sharded = new TreeMap<>();
    GitRefsFixture.putSession(sharded, "c0/ffee123456/", V1_SHAPED.value(), 0, "s", T1);
    GitRefsFixture.putSummary(sharded, "c0/ffee123456/", V1_SHAPED.value(), 1, 1);
    plumbing.updateRef(GitRefsFixture.ref(V1_SHAPED.value()), plumbing.commit(T1,
        plumbing.tree(sharded), List.of(), "v1 shaped\n"));
    repository = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
    store = TestRepos.store(repository).layout(CheckpointLayout.GIT_REFS).build();
  }

  @AfterEach
  void close() {
    if (repository != null) {
      repository.close();
    }
  }

  @Test
  void aMalformedUlidIsATypedErrorBeforeAnyRefIsNamed() {
    assertThatThrownBy(() -> CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZI"))
        .isInstanceOf(InvalidCheckpointIdException.class)
        .hasMessageContaining("01KVBJCWYA4YW6J5M9GP655HZI");
    assertThatThrownBy(() -> CheckpointId.parse("01kvbjcwya4yw6j5m9gp655hzn"))
        .isInstanceOf(InvalidCheckpointIdException.class);
  }

  @Test
  void aRefAtANonCommitIsATypedErrorNamingTheRefForReadsAndWrites() {
    String refs = allRefs();
    for (CheckpointId id : List.of(AT_BLOB, AT_TREE)) {
      String ref = GitRefsFixture.ref(id.value());
      assertThatThrownBy(() -> store.readSummary(id))
          .isInstanceOfSatisfying(InvalidCheckpointRefException.class,
              e -> assertThat(e.ref()).isEqualTo(ref))
          .hasMessageContaining(ref).hasMessageContaining("not a commit");
      assertThatThrownBy(() -> store.write(request(id)))
          .isInstanceOf(InvalidCheckpointRefException.class).hasMessageContaining(ref);
      assertThatThrownBy(() -> store.update(new UpdateRequest(id, AgentSessionId.of("s"),
          Transcript.ofUtf8("{}\n"), List.of())))
          .isInstanceOf(InvalidCheckpointRefException.class).hasMessageContaining(ref);
    }
    assertThat(allRefs()).isEqualTo(refs);
  }

  @Test
  void aCommitWhoseTreeIsNotACheckpointDirectoryIsATypedErrorAndNothingIsWritten() {
    String refs = allRefs();
    for (CheckpointId id : List.of(NOT_A_DIRECTORY, V1_SHAPED)) {
      String ref = GitRefsFixture.ref(id.value());
      assertThatThrownBy(() -> store.readSession(id, 0))
          .isInstanceOfSatisfying(InvalidCheckpointRefException.class,
              e -> assertThat(e.ref()).isEqualTo(ref))
          .hasMessageContaining("not a checkpoint directory");
      assertThatThrownBy(() -> store.write(request(id)))
          .isInstanceOf(InvalidCheckpointRefException.class).hasMessageContaining(ref);
      assertThatThrownBy(() -> store.updateSessionSummary(id,
          new SessionSummary("i", "o", Learnings.none(), List.of(), List.of())))
          .isInstanceOf(InvalidCheckpointRefException.class).hasMessageContaining(ref);
    }
    assertThat(allRefs()).isEqualTo(refs);
  }

  @Test
  void listingSkipsBadRefsAndReportsThemAsUnread() {
    assertThat(store.list()).isEmpty();
    assertThat(store.unreadCheckpointRefs()).extracting(UnreadCheckpointRef::ref)
        .containsExactlyInAnyOrder(GitRefsFixture.ref(AT_BLOB.value()),
            GitRefsFixture.ref(AT_TREE.value()), GitRefsFixture.ref(NOT_A_DIRECTORY.value()),
            GitRefsFixture.ref(V1_SHAPED.value()));
  }

  @Test
  void aRefWithAMismatchedShardIsNeverReadAsItsId() {
    SortedMap<String, byte[]> checkpoint = new TreeMap<>();
    CheckpointId id = CheckpointId.parse("01KVBJF0000000000000000000");
    GitRefsFixture.putSession(checkpoint, "", id.value(), 0, "s", T1);
    GitRefsFixture.putSummary(checkpoint, "", id.value(), 1, 1);
    String misplaced = GitRefsFixture.PREFIX + "ZZ/" + id.value();
    plumbing.updateRef(misplaced, plumbing.commit(T1, plumbing.tree(checkpoint),
        List.of(), "misplaced\n"));

    assertThat(store.readSummary(id)).isEmpty();
    assertThat(store.unreadCheckpointRefs()).filteredOn(u -> u.ref().equals(misplaced))
        .singleElement().satisfies(u -> assertThat(u.reason()).contains("shard"));
  }

  private static WriteRequest request(CheckpointId id) {
    return WriteRequest.builder(id, AgentSessionId.of("s")).branch("main")
        .transcript(Transcript.ofUtf8("{}\n")).build();
  }

  private String allRefs() {
    return git.text("for-each-ref", "--format=%(refname) %(objectname)");
  }
}
