package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import io.github.agentledger.checkpoint.jgit.sync.SyncResult;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote-tracking copy of the v1 branch ({@code refs/remotes/<name>/entire/checkpoints/v1},
 * spec §7.2, §7.4) after syncs with a named remote, and the push shortcut it allows, against a
 * bare repository over file://.
 */
class RemoteTrackingSyncTest {
  private static final String V1 = RefNames.V1_BRANCH;
  private static final String TEAM_TRACKING = "refs/remotes/team/entire/checkpoints/v1";

  @TempDir
  Path dir;

  private Repository remote;
  private Repository a;
  private Repository b;
  private String url;

  @BeforeEach
  void setUp() throws IOException {
    remote = SyncFixture.bare(dir.resolve("remote.git"));
    a = TestRepos.onDisk(dir.resolve("a"));
    b = TestRepos.onDisk(dir.resolve("b"));
    url = SyncFixture.fileUrl(dir.resolve("remote.git"));
    name(a, "team", url);
    name(b, "origin", url);
  }

  @AfterEach
  void tearDown() {
    remote.close();
    a.close();
    b.close();
  }

  private static void name(Repository repository, String name, String remoteUrl)
      throws IOException {
    repository.getConfig().setString("remote", name, "url", remoteUrl);
    repository.getConfig().save();
  }

  @Test
  void aPushToANamedRemoteRecordsTheRemoteTipInItsTrackingRef() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s", "one");

    SyncResult result = SyncFixture.sync(a, "team").push();

    assertThat(result.forRef(V1).orElseThrow().status()).isEqualTo(SyncResult.Status.PUSHED);
    assertThat(RefTrees.tipId(a, TEAM_TRACKING)).isEqualTo(RefTrees.tipId(remote, V1))
        .isEqualTo(RefTrees.tipId(a, V1));
  }

  @Test
  void aPushToAUrlCreatesNoTrackingRef() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s", "one");

    SyncFixture.sync(a, url).push();

    assertThat(SyncFixture.refs(a, "refs/remotes/")).isEmpty();
    assertThat(RefTrees.tipId(remote, V1)).isEqualTo(RefTrees.tipId(a, V1));
  }

  @Test
  void aFetchRecordsTheRemoteTipAndTheV1ReaderFallsBackToIt() throws IOException {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    CheckpointId id = SyncFixture.write(storeA, "s", "one");
    SyncFixture.sync(a, "team").push();

    SyncResult fetched = SyncFixture.sync(b, "origin").fetch();

    assertThat(fetched.forRef(V1).orElseThrow().status()).isEqualTo(SyncResult.Status.FETCHED);
    assertThat(RefTrees.tipId(b, RefNames.V1_REMOTE_TRACKING))
        .isEqualTo(RefTrees.tipId(remote, V1));
    RefUpdate delete = b.updateRef(V1);
    delete.setForceUpdate(true);
    assertThat(delete.delete()).isEqualTo(RefUpdate.Result.FORCED);
    assertThat(SyncFixture.store(b, 2).readSession(id, 0).orElseThrow().transcript().utf8())
        .isEqualTo("{\"text\":\"one\"}\n");
  }

  @Test
  void aFetchWhileTheLocalBranchIsAheadStillRecordsWhatTheRemoteHolds() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s", "one");
    SyncFixture.sync(a, url).push();
    ObjectId remoteTip = RefTrees.tipId(remote, V1);
    SyncFixture.write(storeA, "s", "two");
    ObjectId ahead = RefTrees.tipId(a, V1);

    SyncResult fetched = SyncFixture.sync(a, "team").fetch();

    assertThat(fetched.forRef(V1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.LOCAL_AHEAD);
    assertThat(RefTrees.tipId(a, TEAM_TRACKING)).isEqualTo(remoteTip);
    assertThat(RefTrees.tipId(a, V1)).isEqualTo(ahead);
  }

  @Test
  void aPushIsSkippedWithoutAskingTheRemoteWhenTheTrackingRefEqualsTheLocalTip()
      throws IOException {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s", "one");
    SyncFixture.sync(a, "team").push();
    // From now on "team" cannot be reached: only a push that does not ask it can succeed.
    name(a, "team", SyncFixture.fileUrl(dir.resolve("gone.git")));

    SyncResult skipped = SyncFixture.sync(a, "team").push();

    SyncResult.RefOutcome outcome = skipped.forRef(V1).orElseThrow();
    assertThat(outcome.status()).isEqualTo(SyncResult.Status.UP_TO_DATE);
    assertThat(outcome.detail()).contains("not pushed").contains(TEAM_TRACKING);
    assertThat(outcome.commit().orElseThrow().value()).isEqualTo(RefTrees.tipId(a, V1).name());

    SyncFixture.write(storeA, "s", "two");
    assertThatThrownBy(() -> SyncFixture.sync(a, "team").push())
        .isInstanceOf(CheckpointSyncException.class).hasMessageContaining("team");
  }
}
