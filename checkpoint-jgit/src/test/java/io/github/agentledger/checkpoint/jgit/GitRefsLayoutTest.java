package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.WriteRequestBuilder;
import io.github.agentledger.checkpoint.jgit.internal.PushQueue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the git-refs store writes, how it races, and how it coexists with v1. */
class GitRefsLayoutTest {
  private static final AgentSessionId A = AgentSessionId.of("session-a");
  private static final AgentSessionId B = AgentSessionId.of("session-b");

  @TempDir
  Path dir;

  @Test
  void newIdsAreUlidsCarryingTheStoreClockTime() {
    JGitCheckpointStore store = gitRefs(TestRepos.inMemory());

    CheckpointId id = store.newCheckpointId();

    assertThat(id.kind()).isEqualTo(CheckpointId.Kind.ULID);
    assertThat(id.ulidTime()).contains(TestRepos.T0);
    assertThat(store.newCheckpointId()).isGreaterThan(id);
  }

  @Test
  void theFirstWriteIsAnOrphanAndEveryLaterOneAChildOfTheTip() throws Exception {
    Repository repository = TestRepos.inMemory();
    JGitCheckpointStore store = gitRefs(repository);
    CheckpointId id = store.newCheckpointId();
    String ref = "refs/entire/checkpoints/" + id.refShard() + "/" + id;

    store.write(request(id, A).build());
    RevCommit first = tip(repository, ref);
    store.write(request(id, B).build());
    RevCommit second = tip(repository, ref);
    store.update(new UpdateRequest(id, A, Transcript.ofUtf8("{\"done\":true}\n"), List.of()));
    RevCommit third = tip(repository, ref);

    assertThat(first.getParentCount()).isZero();
    assertThat(second.getParent(0)).isEqualTo(first);
    assertThat(third.getParent(0)).isEqualTo(second);
    assertThat(third.getFullMessage()).isEqualTo("Finalize transcript for Checkpoint: " + id);
    assertThat(repository.getRefDatabase().getRefsByPrefix("refs/entire/checkpoints/"))
        .extracting(Ref::getName).containsExactly(ref);
    assertThat(store.readSummary(id).orElseThrow().sessions().get(1).metadata())
        .isEqualTo("/1/metadata.json");
  }

  @Test
  void aWriterThatLosesTheRaceRetriesOnTheNewTipAndBothSessionsLand() throws Exception {
    Repository repository = TestRepos.inMemory();
    JGitCheckpointStore other = gitRefs(repository);
    CheckpointId id = CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN");
    other.write(request(id, A).build());
    AtomicBoolean raced = new AtomicBoolean();
    JGitCheckpointStore racing = TestRepos.store(repository).layout(CheckpointLayout.GIT_REFS)
        .casHook((ref, expected) -> {
          if (raced.compareAndSet(false, true)) {
            other.write(request(id, AgentSessionId.of("interloper")).build());
          }
        }).build();

    int slot = racing.write(request(id, B).build());

    assertThat(raced).isTrue();
    assertThat(slot).isEqualTo(2);
    assertThat(racing.readSummary(id).orElseThrow().sessions()).hasSize(3);
    assertThat(racing.readSession(id, AgentSessionId.of("interloper"))).isPresent();
    assertThat(racing.readSession(id, B).orElseThrow().sessionIndex()).isEqualTo(2);
  }

  @Test
  void aHexCheckpointThatLivesOnV1StaysThereAndNewOnesGetRefs() throws Exception {
    Repository repository = TestRepos.inMemory();
    JGitCheckpointStore v1 = TestRepos.store(repository).build();
    CheckpointId old = CheckpointId.parse("a3b2c4d5e6f7");
    v1.write(request(old, A).createdAt(Instant.parse("2026-01-01T00:00:00Z")).build());
    JGitCheckpointStore store = gitRefs(repository);

    int slot = store.write(request(old, B).build());
    CheckpointId fresh = store.newCheckpointId();
    store.write(request(fresh, A).build());
    store.update(new UpdateRequest(old, A, Transcript.ofUtf8("{\"v1\":1}\n"), List.of("p")));

    assertThat(slot).isEqualTo(1);
    assertThat(v1.readSummary(old).orElseThrow().sessions()).hasSize(2);
    assertThat(v1.readSession(old, A).orElseThrow().prompts()).containsExactly("p");
    assertThat(repository.exactRef("refs/entire/checkpoints/f7/a3b2c4d5e6f7")).isNull();
    assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
        .containsExactlyInAnyOrder(old, fresh);
    assertThat(store.readSummary(fresh)).isPresent();
    assertThat(v1.readSummary(fresh)).isEmpty();
  }

  @Test
  void aUlidNeverFallsBackToTheV1Branch() throws Exception {
    Repository repository = TestRepos.inMemory();
    CheckpointId ulid = CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN");
    // A v1 tree holding a directory for the ULID (never written so upstream): not read.
    TestRepos.store(repository).build().write(request(ulid, A).build());

    assertThat(gitRefs(repository).readSummary(ulid)).isEmpty();
    assertThat(gitRefs(repository).checkpointAuthor(ulid)).isEmpty();
  }

  @Test
  void everyWriteIsQueuedForPushInTheGitCommonDirectory() {
    Repository repository = TestRepos.onDisk(dir);
    JGitCheckpointStore store = gitRefs(repository);
    CheckpointId first = store.newCheckpointId();
    CheckpointId second = CheckpointId.parse("c0ffee123456");

    store.write(request(first, A).build());
    store.write(request(second, A).build());

    assertThat(PushQueue.in(dir.resolve(".git")).refs()).containsExactly(
        "refs/entire/checkpoints/" + first.refShard() + "/" + first,
        "refs/entire/checkpoints/56/c0ffee123456");
    repository.close();
  }

  private static JGitCheckpointStore gitRefs(Repository repository) {
    return TestRepos.store(repository).layout(CheckpointLayout.GIT_REFS).build();
  }

  private static WriteRequestBuilder request(CheckpointId id, AgentSessionId session) {
    return WriteRequest.builder(id, session).branch("main");
  }

  private static RevCommit tip(Repository repository, String ref) throws Exception {
    ObjectId id = repository.exactRef(ref).getObjectId();
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(id);
    }
  }
}
