package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import io.github.agentledger.checkpoint.jgit.sync.SyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * On-demand fetch of archived generations when a session's transcript is in no local generation
 * (spec §6.8), against a bare repository over file://: clone A writes, rotates and pushes; clone B
 * fetched only {@code /main} and {@code /full/current}.
 */
class ArchiveFetchOnReadTest extends TwoClonesAndARemote {
  private static final String ARCHIVE_1 = RefNames.v2Archive(1);


  private CheckpointId archived;
  private CheckpointId current;

  /** A writes three checkpoints with a threshold of 2 (the first two get archived) and pushes. */
  private void aWritesRotatesAndPushes(CheckpointLayout layout) {
    JGitCheckpointStore storeA = TestRepos.store(a).layout(layout)
        .random(new SplittableRandom(1)).maxCheckpointsPerGeneration(2).build();
    archived = SyncFixture.write(storeA, "s", "archived");
    SyncFixture.write(storeA, "s", "second");
    current = SyncFixture.write(storeA, "s", "current");
    assertThat(storeA.generationOf(archived)).contains(GenerationLocation.archived(1));
    assertThat(SyncFixture.sync(a, url).push().allSucceeded()).isTrue();
    assertThat(RefTrees.tipId(remote, ARCHIVE_1)).isNotNull();
    SyncResult fetched = SyncFixture.sync(b, url).fetch();
    assertThat(fetched.allSucceeded()).isTrue();
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isNull();
  }

  private JGitCheckpointStore storeB(CheckpointLayout layout, String remoteUrl) {
    return TestRepos.store(b).layout(layout).random(new SplittableRandom(2))
        .fetchMissingArchivesFrom(SyncFixture.sync(b, remoteUrl)).build();
  }

  @Test
  void aReadOfAnArchivedCheckpointFetchesTheArchiveAndReturnsTheTranscript() {
    aWritesRotatesAndPushes(CheckpointLayout.V2);
    JGitCheckpointStore localOnly = TestRepos.store(b).layout(CheckpointLayout.V2).build();
    assertThat(localOnly.readSession(archived, 0).orElseThrow().transcript().isEmpty()).isTrue();
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isNull();
    JGitCheckpointStore store = storeB(CheckpointLayout.V2, url);

    SessionContent session = store.readSession(archived, 0).orElseThrow();

    assertThat(session.transcript().utf8()).isEqualTo("{\"text\":\"archived\"}\n");
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isEqualTo(RefTrees.tipId(remote, ARCHIVE_1));
    assertThat(store.generationOf(archived)).contains(GenerationLocation.archived(1));
    assertThat(store.readSession(archived, AgentSessionId.of("s")).orElseThrow().transcript()
        .utf8()).isEqualTo("{\"text\":\"archived\"}\n");
    assertThat(store.readLatestSession(current).orElseThrow().transcript().utf8())
        .isEqualTo("{\"text\":\"current\"}\n");
    assertThat(SyncFixture.refs(b, RefNames.SYNC_TMP_PREFIX)).isEmpty();
  }

  @Test
  void aV2OnlyStoreFetchesTheArchiveToo() {
    aWritesRotatesAndPushes(CheckpointLayout.V2_ONLY);

    SessionContent session =
        storeB(CheckpointLayout.V2_ONLY, url).readLatestSession(archived).orElseThrow();

    assertThat(session.transcript().utf8()).isEqualTo("{\"text\":\"archived\"}\n");
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isEqualTo(RefTrees.tipId(remote, ARCHIVE_1));
  }

  @Test
  void aDualWriteStoreWhoseV1HasTheTranscriptNeverTouchesTheNetwork() {
    aWritesRotatesAndPushes(CheckpointLayout.DUAL_WRITE);
    JGitCheckpointStore store = storeB(CheckpointLayout.DUAL_WRITE, unreachable());

    assertThat(store.readSession(archived, 0).orElseThrow().transcript().utf8())
        .isEqualTo("{\"text\":\"archived\"}\n");
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isNull();
  }

  @Test
  void anUnreachableRemoteIsATypedErrorAndChangesNothingLocally() {
    aWritesRotatesAndPushes(CheckpointLayout.V2);
    Map<String, ObjectId> before = SyncFixture.refs(b, "refs/");
    String nowhere = unreachable();
    JGitCheckpointStore store = storeB(CheckpointLayout.V2, nowhere);

    assertThatThrownBy(() -> store.readSession(archived, 0))
        .isInstanceOf(CheckpointSyncException.class)
        .hasMessageContaining(nowhere)
        .satisfies(e -> assertThat(((CheckpointSyncException) e).remote()).isEqualTo(nowhere));

    assertThat(SyncFixture.refs(b, "refs/")).isEqualTo(before);
    assertThat(store.readSession(current, 0).orElseThrow().transcript().utf8())
        .isEqualTo("{\"text\":\"current\"}\n");
    assertThat(store.readSession(archived, 7)).isEmpty();
  }

  @Test
  void aSessionWithoutATranscriptAnywhereStaysWithoutOneAndFetchesOnlyWhatIsMissing() {
    aWritesRotatesAndPushes(CheckpointLayout.V2);
    JGitCheckpointStore store = storeB(CheckpointLayout.V2, url);
    CheckpointId bare = CheckpointId.parse("0f0000000009");
    store.write(WriteRequest.builder(bare, AgentSessionId.of("t")).prompts(List.of("p"))
        .checkpointsCount(1).build());

    SessionContent session = store.readSession(bare, 0).orElseThrow();

    assertThat(session.transcript().isEmpty()).isTrue();
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isEqualTo(RefTrees.tipId(remote, ARCHIVE_1));
    ObjectId fetchedArchive = RefTrees.tipId(b, ARCHIVE_1);
    assertThat(store.readSession(bare, 0).orElseThrow().transcript().isEmpty()).isTrue();
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isEqualTo(fetchedArchive);
  }

  @Test
  void twoReadersMissingAtOnceBothGetTheTranscriptAndTheArchiveIsFetchedIntact()
      throws Exception {
    aWritesRotatesAndPushes(CheckpointLayout.V2);
    JGitCheckpointStore store = storeB(CheckpointLayout.V2, url);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> reads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        reads.add(pool.submit(() -> {
          assertThat(start.await(60, TimeUnit.SECONDS)).isTrue();
          return store.readSession(archived, 0).orElseThrow().transcript().utf8();
        }));
      }
      start.countDown();
      for (Future<String> read : reads) {
        assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo("{\"text\":\"archived\"}\n");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isEqualTo(RefTrees.tipId(remote, ARCHIVE_1));
    assertThat(SyncFixture.refs(b, RefNames.SYNC_TMP_PREFIX)).isEmpty();
  }

  @Test
  void theOptionRejectsASyncOfAnotherRepository() {
    CheckpointSync ofA = SyncFixture.sync(a, url);
    JGitCheckpointStore.Builder builder = TestRepos.store(b);

    assertThatThrownBy(() -> builder.fetchMissingArchivesFrom(ofA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fetchMissingArchivesFrom");
  }

  private String unreachable() {
    return SyncFixture.fileUrl(dir.resolve("no-such-remote.git"));
  }
}
