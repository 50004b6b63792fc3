package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import io.github.agentledger.checkpoint.jgit.sync.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync over smart HTTP with HTTP Basic authentication, against {@code git http-backend} behind a
 * loopback server started by the test ({@link GitHttpServer}): the caller's
 * {@link CredentialsProvider} reaches the server; wrong or missing credentials are a typed error
 * naming the remote, and nothing changes on either side.
 */
class GitHttpSyncTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "correct horse";

  @TempDir
  Path dir;

  private GitHttpServer server;
  private Repository remote;
  private Repository a;
  private Repository b;
  private String url;

  @BeforeEach
  void startServer() throws Exception {
    assumeTrue(GitHttpServer.isAvailable(),
        "git or git http-backend is not installed; the loopback smart-HTTP test is skipped");
    Path base = dir.resolve("served");
    Files.createDirectories(base);
    remote = SyncFixture.bare(base.resolve("remote.git"));
    remote.getConfig().setBoolean("http", null, "receivepack", true);
    remote.getConfig().save();
    server = GitHttpServer.start(base, dir.resolve("home"), USER, PASSWORD);
    url = server.url("remote.git");
    a = TestRepos.onDisk(dir.resolve("a"));
    b = TestRepos.onDisk(dir.resolve("b"));
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    for (Repository repository : new Repository[] {remote, a, b}) {
      if (repository != null) {
        repository.close();
      }
    }
  }

  private CheckpointSync sync(Repository repository, CredentialsProvider credentials) {
    return CheckpointSync.builder(repository).remote(url).credentials(credentials)
        .clock(SyncFixture.CLOCK).maxAttempts(5).build();
  }

  private static CredentialsProvider right() {
    return new UsernamePasswordCredentialsProvider(USER, PASSWORD);
  }

  @Test
  void pushAndFetchWithTheRightCredentialsCarryV1AndV2Refs() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    CheckpointId v1 = SyncFixture.write(storeA, "s", "over-http");
    CheckpointId archived = CheckpointId.parse("2a0000000001");
    V2RefStates.write(a, archived, "s", "archived", at(1));
    V2RefStates.rotate(a, at(2));
    V2RefStates.write(a, CheckpointId.parse("2b0000000002"), "s", "current", at(3));

    SyncResult pushed = sync(a, right()).push();

    assertThat(pushed.allSucceeded()).as(server.log()).isTrue();
    for (String ref : List.of(RefNames.V1_BRANCH, RefNames.V2_MAIN, RefNames.V2_FULL_CURRENT,
        RefNames.v2Archive(1))) {
      assertThat(RefTrees.tipId(remote, ref)).as(ref).isEqualTo(RefTrees.tipId(a, ref));
    }

    SyncResult fetched = sync(b, right()).fetch();

    assertThat(fetched.refs()).hasSize(3).allSatisfy(
        r -> assertThat(r.status()).isEqualTo(SyncResult.Status.FETCHED));
    assertThat(SyncFixture.store(b, 2).readSession(v1, 0).orElseThrow().transcript().utf8())
        .isEqualTo("{\"text\":\"over-http\"}\n");
    JGitCheckpointStore storeB = TestRepos.store(b).layout(CheckpointLayout.V2)
        .random(new SplittableRandom(3)).fetchMissingArchivesFrom(sync(b, right())).build();
    assertThat(storeB.readSession(archived, 0).orElseThrow().transcript().utf8())
        .isEqualTo("{\"text\":\"archived\"}\n");
    assertThat(RefTrees.tipId(b, RefNames.v2Archive(1)))
        .isEqualTo(RefTrees.tipId(remote, RefNames.v2Archive(1)));
  }

  @Test
  void aWrongPasswordIsATypedErrorNamingTheRemoteAndChangesNothing() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s", "secret");
    Map<String, ObjectId> localBefore = SyncFixture.refs(a, "refs/");
    CheckpointSync wrong =
        sync(a, new UsernamePasswordCredentialsProvider(USER, "wrong password"));

    assertThatThrownBy(wrong::push).isInstanceOf(CheckpointSyncException.class)
        .hasMessageContaining(url)
        .satisfies(e -> assertThat(((CheckpointSyncException) e).remote()).isEqualTo(url));

    assertThat(server.refusals()).isPositive();
    assertThat(SyncFixture.refs(a, "refs/")).isEqualTo(localBefore);
    assertThat(SyncFixture.refs(remote, "refs/")).isEmpty();
  }

  @Test
  void noCredentialsAreATypedErrorForPushAndFetchAndChangeNothing() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s", "published");
    assertThat(sync(a, right()).push().allSucceeded()).isTrue();
    Map<String, ObjectId> remoteBefore = SyncFixture.refs(remote, "refs/");
    SyncFixture.write(storeA, "s", "unpublished");
    Map<String, ObjectId> localBefore = SyncFixture.refs(a, "refs/");
    CheckpointSync anonymousA = CheckpointSync.builder(a).remote(url).build();
    CheckpointSync anonymousB = CheckpointSync.builder(b).remote(url).build();
    CheckpointSync wrongB =
        sync(b, new UsernamePasswordCredentialsProvider("mallory", PASSWORD));

    assertThatThrownBy(anonymousA::push).isInstanceOf(CheckpointSyncException.class)
        .hasMessageContaining(url);
    assertThatThrownBy(anonymousB::fetch).isInstanceOf(CheckpointSyncException.class)
        .hasMessageContaining(url);
    assertThatThrownBy(wrongB::fetch).isInstanceOf(CheckpointSyncException.class)
        .hasMessageContaining(url);

    assertThat(SyncFixture.refs(remote, "refs/")).isEqualTo(remoteBefore);
    assertThat(SyncFixture.refs(a, "refs/")).isEqualTo(localBefore);
    assertThat(SyncFixture.refs(b, "refs/")).isEmpty();
  }

  private static Instant at(int minutes) {
    return TestRepos.T0.plusSeconds(60L * minutes);
  }
}
