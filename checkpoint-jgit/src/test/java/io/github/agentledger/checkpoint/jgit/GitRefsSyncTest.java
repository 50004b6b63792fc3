package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.PushQueue;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import io.github.agentledger.checkpoint.jgit.sync.RemoteCheckpoint;
import io.github.agentledger.checkpoint.jgit.sync.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Push and fetch of per-checkpoint refs against a bare remote over {@code file://}, a real
 * {@code git daemon} and smart HTTP ({@code git http-backend}), each on the loopback interface.
 */
class GitRefsSyncTest {
  private static final String USER = "agent";
  private static final String PASSWORD = "s3cret-pass";

  /** How the remote is reached. */
  enum Via { FILE, GIT_DAEMON, SMART_HTTP }

  @TempDir
  Path dir;

  private Repository remote;
  private Repository a;
  private Repository b;
  private String url;
  private Optional<CredentialsProvider> credentials = Optional.empty();
  private GitDaemon daemon;
  private GitHttpServer http;

  private void open(Via via) throws Exception {
    Path base = dir.resolve("served");
    Files.createDirectories(base);
    remote = SyncFixture.bare(base.resolve("remote.git"));
    switch (via) {
      case FILE -> url = SyncFixture.fileUrl(base.resolve("remote.git"));
      case GIT_DAEMON -> {
        assumeTrue(GitDaemon.isAvailable(), "git daemon is not installed");
        daemon = GitDaemon.start(base, dir.resolve("home"));
        url = daemon.url("remote.git");
      }
      case SMART_HTTP -> {
        assumeTrue(GitHttpServer.isAvailable(), "git http-backend is not installed");
        remote.getConfig().setBoolean("http", null, "receivepack", true);
        remote.getConfig().save();
        http = GitHttpServer.start(base, dir.resolve("home"), USER, PASSWORD);
        url = http.url("remote.git");
        credentials = Optional.of(new UsernamePasswordCredentialsProvider(USER, PASSWORD));
      }
    }
    a = TestRepos.onDisk(dir.resolve("a"));
    b = TestRepos.onDisk(dir.resolve("b"));
  }

  @AfterEach
  void close() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (http != null) {
      http.close();
    }
    for (Repository repository : new Repository[] {remote, a, b}) {
      if (repository != null) {
        repository.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void queuedRefsArePushedInBatchesAndFetchedByTheOtherClone(Via via) throws Exception {
    open(via);
    JGitCheckpointStore storeA = store(a, 1);
    List<CheckpointId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(write(storeA, storeA.newCheckpointId(), "s" + i));
    }
    ids.add(write(storeA, CheckpointId.parse("c0ffee123456"), "hex"));

    SyncResult pushed = sync(a, 2).push();

    assertThat(pushed.refs()).hasSize(6).allSatisfy(
        r -> assertThat(r.status()).isEqualTo(SyncResult.Status.PUSHED));
    assertThat(queue(a).refs()).isEmpty();
    assertThat(SyncFixture.refs(remote, "refs/entire/checkpoints/"))
        .isEqualTo(SyncFixture.refs(a, "refs/entire/checkpoints/"));

    SyncResult fetched = sync(b, 200).fetchCheckpointRefs();

    assertThat(fetched.refs()).hasSize(6).allSatisfy(
        r -> assertThat(r.status()).isEqualTo(SyncResult.Status.FETCHED));
    JGitCheckpointStore storeB = store(b, 2);
    for (CheckpointId id : ids) {
      assertThat(storeB.readSummary(id)).isEqualTo(storeA.readSummary(id));
    }
    assertThat(sync(a, 2).push().refs()).isEmpty();
    GitCli.in(dir.resolve("served/remote.git"), dir.resolve("home"), TestRepos.T0)
        .text("fsck", "--strict", "--no-progress");
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void twoClonesWritingTheSameCheckpointBothLandWithoutAForcedPush(Via via) throws Exception {
    open(via);
    CheckpointId id = CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN");
    JGitCheckpointStore storeA = store(a, 1);
    JGitCheckpointStore storeB = store(b, 2);
    write(storeA, id, "from-a");
    write(storeB, id, "from-b");
    String ref = "refs/entire/checkpoints/ZN/" + id;
    sync(a, 200).push();
    RevCommit published = tip(remote, ref);

    SyncResult result = sync(b, 200).push();

    assertThat(result.forRef(ref).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    RevCommit merged = tip(remote, ref);
    assertThat(merged.getParent(0)).isEqualTo(published);
    assertThat(tip(b, ref)).isEqualTo(merged);
    assertThat(sync(a, 200).fetch().forRef(ref).orElseThrow().status())
        .isEqualTo(SyncResult.Status.FETCHED);
    for (JGitCheckpointStore store : List.of(storeA, storeB)) {
      assertThat(store.readSummary(id).orElseThrow().sessions()).hasSize(2);
      assertThat(store.readSession(id, AgentSessionId.of("from-a"))).isPresent();
      assertThat(store.readSession(id, AgentSessionId.of("from-b")).orElseThrow().transcript())
          .isEqualTo(Transcript.ofUtf8("{\"from\":\"from-b\"}\n"));
    }
    assertThat(queue(b).refs()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = "FILE")
  void aFetchIntoADivergedLocalRefReplaysAndQueuesIt(Via via) throws Exception {
    open(via);
    CheckpointId id = CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN");
    write(store(a, 1), id, "from-a");
    sync(a, 200).push();
    JGitCheckpointStore storeB = store(b, 2);
    write(storeB, id, "from-b");
    queue(b).removeIf(ref -> true);

    SyncResult result = sync(b, 200).fetchCheckpoint(id);

    assertThat(result.refs()).singleElement().satisfies(
        r -> assertThat(r.status()).isEqualTo(SyncResult.Status.MERGED));
    assertThat(storeB.readSummary(id).orElseThrow().sessions()).hasSize(2);
    assertThat(queue(b).refs()).containsExactly("refs/entire/checkpoints/ZN/" + id);
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"FILE", "SMART_HTTP"})
  void remoteOnlyCheckpointsAreDiscoveredByNameAndFetchedOnFirstRead(Via via) throws Exception {
    open(via);
    JGitCheckpointStore storeA = store(a, 1);
    CheckpointId id = write(storeA, storeA.newCheckpointId(), "remote-only");
    sync(a, 200).push();
    CheckpointSync syncB = sync(b, 200);

    List<RemoteCheckpoint> listed = syncB.remoteCheckpoints();

    assertThat(listed).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(id);
      assertThat(r.createdAt()).contains(TestRepos.T0);
    });
    assertThat(SyncFixture.refs(b, "refs/")).isEmpty();
    JGitCheckpointStore lazy = TestRepos.store(b).layout(CheckpointLayout.GIT_REFS)
        .fetchMissingCheckpointsFrom(syncB).build();
    assertThat(store(b, 2).readSummary(id)).isEmpty();
    assertThat(lazy.readSession(id, 0).orElseThrow().metadata().sessionId())
        .isEqualTo(AgentSessionId.of("remote-only"));
    assertThat(lazy.readSummary(CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = "FILE")
  void anUnreachableRemoteIsAnErrorOnReadNeverNotFound(Via via) throws Exception {
    open(via);
    CheckpointSync unreachable = CheckpointSync.builder(b)
        .remote(SyncFixture.fileUrl(dir.resolve("nowhere.git"))).clock(SyncFixture.CLOCK).build();
    JGitCheckpointStore lazy = TestRepos.store(b).layout(CheckpointLayout.GIT_REFS)
        .fetchMissingCheckpointsFrom(unreachable).build();

    assertThatThrownBy(() -> lazy.readSummary(
        CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN")))
        .isInstanceOf(CheckpointSyncException.class);
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = "GIT_DAEMON")
  void aRefTheServerRefusesIsIsolatedByHalvingAndTheOthersLand(Via via) throws Exception {
    open(via);
    JGitCheckpointStore storeA = store(a, 1);
    List<CheckpointId> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(write(storeA, storeA.newCheckpointId(), "s" + i));
    }
    CheckpointId refused = ids.get(7);
    Path hook = dir.resolve("served/remote.git/hooks/pre-receive");
    Files.createDirectories(hook.getParent());
    // Like a forge's push protection: one bad ref declines the whole push.
    Files.writeString(hook, "#!/bin/sh\necho push >> \"$GIT_DIR/pushes.log\"\n"
        + "if grep -q '" + refused + "'; then echo 'secret found in " + refused + "' >&2;"
        + " exit 1; fi\nexit 0\n");
    assumeTrue(hook.toFile().setExecutable(true), "cannot make the hook executable");

    SyncResult result = sync(a, 12).push();

    String refusedRef = "refs/entire/checkpoints/" + refused.refShard() + "/" + refused;
    assertThat(result.forRef(refusedRef).orElseThrow().status())
        .isEqualTo(SyncResult.Status.REJECTED);
    assertThat(result.refs()).filteredOn(r -> !r.ref().equals(refusedRef)).hasSize(11)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(SyncResult.Status.PUSHED));
    assertThat(SyncFixture.refs(remote, "refs/entire/checkpoints/")).hasSize(11)
        .doesNotContainKey(refusedRef);
    assertThat(queue(a).refs()).containsExactly(refusedRef);
    // 12 refused -> 6 land + 6 refused -> 3 refused + 3 land -> 3 one by one: 8 pushes, where
    // ref by ref from the start would take 12.
    long pushes = Files.readAllLines(dir.resolve("served/remote.git/pushes.log")).size();
    assertThat(pushes).isEqualTo(8);
  }

  private CheckpointSync sync(Repository repository, int batch) {
    CheckpointSync.Builder builder = CheckpointSync.builder(repository).remote(url)
        .clock(SyncFixture.CLOCK).maxAttempts(5).pushBatchSize(batch);
    credentials.ifPresent(builder::credentials);
    return builder.build();
  }

  private static JGitCheckpointStore store(Repository repository, long seed) {
    return JGitCheckpointStore.builder(repository).layout(CheckpointLayout.GIT_REFS)
        .clock(Clock.fixed(TestRepos.T0, ZoneOffset.UTC)).random(new SplittableRandom(seed))
        .retryPolicy(RetryPolicy.immediate(1000)).build();
  }

  private static CheckpointId write(JGitCheckpointStore store, CheckpointId id, String session) {
    store.write(WriteRequest.builder(id, AgentSessionId.of(session)).branch("main")
        .transcript(Transcript.ofUtf8("{\"from\":\"" + session + "\"}\n"))
        .prompts(List.of("prompt of " + session)).build());
    return id;
  }

  private static PushQueue queue(Repository repository) {
    return PushQueue.in(repository.getCommonDirectory().toPath());
  }

  private static RevCommit tip(Repository repository, String ref) throws Exception {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(repository.exactRef(ref).getObjectId());
    }
  }
}
