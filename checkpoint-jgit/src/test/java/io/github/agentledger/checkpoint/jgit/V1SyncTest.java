package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import io.github.agentledger.checkpoint.jgit.sync.SyncResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

/** v1 push and fetch against a bare repository over file://, with real v1 stores on two clones. */
class V1SyncTest extends TwoClonesAndARemote {
  private static final String V1 = RefNames.V1_BRANCH;



  @Test
  void pushCreatesTheRemoteBranchAndASecondPushIsUpToDate() {
    JGitCheckpointStore store = SyncFixture.store(a, 1);
    SyncFixture.write(store, "s1", "one");
    SyncFixture.write(store, "s1", "two");

    SyncResult first = SyncFixture.sync(a, url).push();

    ObjectId tip = RefTrees.tipId(a, V1);
    assertThat(first.refs()).singleElement().satisfies(r -> {
      assertThat(r.ref()).isEqualTo(V1);
      assertThat(r.status()).isEqualTo(SyncResult.Status.PUSHED);
      assertThat(r.commit().orElseThrow().value()).isEqualTo(tip.name());
    });
    assertThat(RefTrees.tipId(remote, V1)).isEqualTo(tip);
    assertThat(SyncFixture.sync(a, url).push().forRef(V1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.UP_TO_DATE);
    assertThat(SyncFixture.refs(a, RefNames.SYNC_TMP_PREFIX)).isEmpty();
  }

  @Test
  void fetchIntoAnEmptyCloneCreatesTheBranchAndTheCheckpointsRead() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    CheckpointId id = SyncFixture.write(storeA, "s1", "one");
    SyncFixture.sync(a, url).push();

    SyncResult fetched = SyncFixture.sync(b, url).fetch();

    assertThat(fetched.refs()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(SyncResult.Status.FETCHED);
      assertThat(r.commit().orElseThrow().value()).isEqualTo(RefTrees.tipId(a, V1).name());
    });
    JGitCheckpointStore storeB = SyncFixture.store(b, 2);
    assertThat(storeB.readSession(id, 0).orElseThrow().transcript().utf8())
        .isEqualTo("{\"text\":\"one\"}\n");
    assertThat(SyncFixture.refs(b, RefNames.SYNC_TMP_PREFIX)).isEmpty();
    assertThat(SyncFixture.sync(b, url).fetch().forRef(V1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.UP_TO_DATE);
  }

  @Test
  void fetchNeverRewindsALocalBranchThatIsAhead() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s1", "one");
    SyncFixture.sync(a, url).push();
    CheckpointId later = SyncFixture.write(storeA, "s1", "two");
    ObjectId ahead = RefTrees.tipId(a, V1);

    SyncResult result = SyncFixture.sync(a, url).fetch();

    assertThat(result.forRef(V1).orElseThrow().status()).isEqualTo(SyncResult.Status.LOCAL_AHEAD);
    assertThat(RefTrees.tipId(a, V1)).isEqualTo(ahead);
    assertThat(storeA.readSummary(later)).isPresent();
  }

  @Test
  void aDivergedPushReplaysTheLocalCommitsOntoTheRemoteTip() throws Exception {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    JGitCheckpointStore storeB = SyncFixture.store(b, 2);
    CheckpointId shared = SyncFixture.write(storeA, "s1", "shared");
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    CheckpointId fromA = SyncFixture.write(storeA, "sa", "from-a");
    SyncFixture.sync(a, url).push();
    ObjectId pushedByA = RefTrees.tipId(a, V1);
    CheckpointId fromB1 = SyncFixture.write(storeB, "sb", "from-b-1");
    CheckpointId fromB2 = SyncFixture.write(storeB, "sb", "from-b-2");
    RevCommit localB = RefTrees.tip(b, V1);

    SyncResult result = SyncFixture.sync(b, url).push();

    SyncResult.RefOutcome outcome = result.forRef(V1).orElseThrow();
    assertThat(outcome.status()).isEqualTo(SyncResult.Status.RECOVERED);
    ObjectId remoteTip = RefTrees.tipId(remote, V1);
    assertThat(RefTrees.tipId(b, V1)).isEqualTo(remoteTip);
    assertThat(outcome.commit().orElseThrow().value()).isEqualTo(remoteTip.name());
    try (RevWalk walk = new RevWalk(remote)) {
      RevCommit tip = walk.parseCommit(remoteTip);
      assertThat(walk.isMergedInto(walk.parseCommit(pushedByA), tip)).isTrue();
      assertThat(tip.getParentCount()).isEqualTo(1);
      assertThat(tip.getFullMessage()).isEqualTo(localB.getFullMessage());
      assertThat(tip.getAuthorIdent()).isEqualTo(localB.getAuthorIdent());
      RevCommit parent = walk.parseCommit(tip.getParent(0));
      assertThat(parent.getParentCount()).isEqualTo(1);
      assertThat(parent.getParent(0)).isEqualTo(pushedByA);
    }
    assertThat(ids(storeB)).containsExactlyInAnyOrder(shared, fromA, fromB1, fromB2);
    assertThat(SyncFixture.sync(a, url).fetch().forRef(V1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.FETCHED);
    assertThat(ids(storeA)).containsExactlyInAnyOrder(shared, fromA, fromB1, fromB2);
    assertThat(storeA.readSession(fromB2, 0).orElseThrow().transcript().utf8())
        .isEqualTo("{\"text\":\"from-b-2\"}\n");
    assertFsckClean();
  }

  @Test
  void aDivergedFetchReplaysLocalCommitsAndKeepsThem() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    JGitCheckpointStore storeB = SyncFixture.store(b, 2);
    SyncFixture.write(storeA, "s1", "shared");
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    CheckpointId fromA = SyncFixture.write(storeA, "sa", "from-a");
    SyncFixture.sync(a, url).push();
    CheckpointId fromB = SyncFixture.write(storeB, "sb", "from-b");

    SyncResult result = SyncFixture.sync(b, url).fetch();

    assertThat(result.forRef(V1).orElseThrow().status()).isEqualTo(SyncResult.Status.MERGED);
    assertThat(ids(storeB)).contains(fromA, fromB);
    assertThat(SyncFixture.sync(b, url).push().forRef(V1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.PUSHED);
  }

  @Test
  void oneCheckpointGrownOnBothClonesKeepsEverySessionAndReaggregates() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    JGitCheckpointStore storeB = SyncFixture.store(b, 2);
    CheckpointId id = SyncFixture.write(storeA, "s0", "first");
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    SyncFixture.write(storeA, id, "sa", "by-a");
    SyncFixture.sync(a, url).push();
    SyncFixture.write(storeB, id, "sb", "by-b");

    assertThat(SyncFixture.sync(b, url).push().forRef(V1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);

    CheckpointSummary summary = storeB.readSummary(id).orElseThrow();
    assertThat(summary.sessions()).hasSize(3);
    assertThat(summary.checkpointsCount()).isEqualTo(3);
    assertThat(summary.filesTouched())
        .containsExactly("src/by-a.txt", "src/by-b.txt", "src/first.txt");
    assertThat(storeB.readSession(id, 1).orElseThrow().metadata().sessionId())
        .isEqualTo(AgentSessionId.of("sa"));
    assertThat(storeB.readSession(id, AgentSessionId.of("sb")).orElseThrow().transcript().utf8())
        .isEqualTo("{\"text\":\"by-b\"}\n");
    assertThat(summary.sessions().get(2).transcript())
        .isEqualTo("/" + id.shardedPath() + "/2/full.jsonl");
    SyncFixture.sync(a, url).fetch();
    assertThat(storeA.readSummary(id).orElseThrow()).isEqualTo(summary);
  }

  @Test
  void aSessionChangedOnOneSideKeepsThatChangeAndOneChangedOnBothTakesTheReplayedSide()
      throws Exception {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    JGitCheckpointStore storeB = SyncFixture.store(b, 2);
    CheckpointId id = SyncFixture.write(storeA, "s0", "first");
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    finalize(storeA, id, "final-a");
    SyncFixture.sync(a, url).push();
    SyncFixture.write(storeB, id, "s1", "by-b");

    assertThat(SyncFixture.sync(b, url).push().forRef(V1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    assertThat(transcript(storeB, id, "s0")).isEqualTo("final-a");
    assertThat(transcript(storeB, id, "s1")).isEqualTo("by-b");

    SyncFixture.sync(a, url).fetch();
    finalize(storeA, id, "final-a2");
    SyncFixture.sync(a, url).push();
    ObjectId pushedByA = RefTrees.tipId(a, V1);
    finalize(storeB, id, "final-b");

    assertThat(SyncFixture.sync(b, url).push().forRef(V1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    assertThat(transcript(storeB, id, "s0")).isEqualTo("final-b");
    assertThat(transcript(storeB, id, "s1")).isEqualTo("by-b");
    assertThat(storeB.readSummary(id).orElseThrow().sessions()).hasSize(2);
    try (RevWalk walk = new RevWalk(remote)) {
      assertThat(walk.isMergedInto(walk.parseCommit(pushedByA),
          walk.parseCommit(RefTrees.tipId(remote, V1)))).isTrue();
    }
  }

  private static void finalize(JGitCheckpointStore store, CheckpointId id, String text) {
    store.update(new io.github.agentledger.checkpoint.UpdateRequest(id, AgentSessionId.of("s0"),
        io.github.agentledger.checkpoint.Transcript.ofUtf8("{\"text\":\"" + text + "\"}\n"),
        List.of()));
  }

  private static String transcript(JGitCheckpointStore store, CheckpointId id, String session) {
    String json = store.readSession(id, AgentSessionId.of(session)).orElseThrow().transcript()
        .utf8();
    return json.substring("{\"text\":\"".length(), json.length() - "\"}\n".length());
  }

  @Test
  void twoClonesWritingAndPushingConcurrentlyLoseNothing() throws Exception {
    int perClone = 12;
    List<CheckpointId> written = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<List<SyncResult>>> futures = new ArrayList<>();
      for (Repository clone : List.of(a, b)) {
        long seed = clone == a ? 1 : 2;
        futures.add(pool.submit(() -> {
          JGitCheckpointStore store = SyncFixture.store(clone, seed);
          CheckpointSync sync = CheckpointSync.builder(clone).remote(url)
              .clock(SyncFixture.CLOCK).maxAttempts(50).build();
          List<SyncResult> results = new ArrayList<>();
          for (int i = 0; i < perClone; i++) {
            written.add(SyncFixture.write(store, "s" + seed, seed + "-" + i));
            barrier.await();
            results.add(sync.push());
          }
          return results;
        }));
      }
      for (var future : futures) {
        for (SyncResult result : future.get(5, java.util.concurrent.TimeUnit.MINUTES)) {
          assertThat(result.allSucceeded()).as(result.toString()).isTrue();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).push();
    SyncFixture.sync(a, url).fetch();
    SyncFixture.sync(b, url).fetch();

    assertThat(written).hasSize(2 * perClone);
    assertThat(ids(SyncFixture.store(a, 3))).containsExactlyInAnyOrderElementsOf(written);
    assertThat(ids(SyncFixture.store(b, 4))).containsExactlyInAnyOrderElementsOf(written);
    assertThat(RefTrees.tipId(a, V1)).isEqualTo(RefTrees.tipId(remote, V1));
    assertThat(RefTrees.tipId(b, V1)).isEqualTo(RefTrees.tipId(remote, V1));
    assertFsckClean();
  }

  @Test
  void theCommandLineFetchOfTheSameRefspecSeesTheSameData() throws Exception {
    assumeTrue(GitCli.isAvailable(), "git binary not found on PATH; command-line check skipped");
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s1", "one");
    SyncFixture.write(storeA, "s2", "two");
    SyncFixture.sync(a, url).push();
    java.nio.file.Files.createDirectories(dir.resolve("cli"));
    GitCli git = GitCli.in(dir.resolve("cli"), dir.resolve("home"), TestRepos.T0);
    git.text("init", "-q");

    git.text("fetch", "--no-tags", url, "+" + V1 + ":" + V1);

    assertThat(git.text("rev-parse", V1)).isEqualTo(RefTrees.tipId(a, V1).name());
    List<String> cliFiles = List.of(git.text("ls-tree", "-r", "--name-only", V1).split("\n"));
    assertThat(cliFiles).containsExactlyElementsOf(RefTrees.files(a, V1).keySet());
    String somePath = cliFiles.get(0);
    assertThat(git.text("show", V1 + ":" + somePath))
        .isEqualTo(RefTrees.files(a, V1).get(somePath).stripTrailing());
  }

  @Test
  void anUnknownRemoteIsATypedErrorAndChangesNothing() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s1", "one");
    ObjectId before = RefTrees.tipId(a, V1);
    CheckpointSync sync = CheckpointSync.builder(a).remote("nowhere").build();

    assertThatThrownBy(sync::push).isInstanceOf(CheckpointSyncException.class)
        .hasMessageContaining("nowhere")
        .satisfies(e -> assertThat(((CheckpointSyncException) e).remote()).isEqualTo("nowhere"));
    assertThatThrownBy(sync::fetch).isInstanceOf(CheckpointSyncException.class);
    assertThat(RefTrees.tipId(a, V1)).isEqualTo(before);
    assertThat(SyncFixture.refs(a, "refs/")).containsOnlyKeys(V1);
  }

  @Test
  void theBuilderRejectsBadSettingsNamingThem() {
    CheckpointSync.Builder builder = CheckpointSync.builder(a);
    assertThatThrownBy(() -> builder.maxAttempts(0)).hasMessageContaining("maxAttempts")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> builder.remote(" ")).hasMessageContaining("remote");
    assertThatThrownBy(() -> builder.timeout(java.time.Duration.ofMillis(5)))
        .hasMessageContaining("timeout");
  }

  @Test
  void aRemoteNameFromTheConfigurationWorksLikeItsUrl() throws Exception {
    a.getConfig().setString("remote", "team", "url", url);
    a.getConfig().save();
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    SyncFixture.write(storeA, "s1", "one");

    assertThat(SyncFixture.sync(a, "team").push().forRef(V1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.PUSHED);
    assertThat(RefTrees.tipId(remote, V1)).isEqualTo(RefTrees.tipId(a, V1));
  }

  private static Set<CheckpointId> ids(JGitCheckpointStore store) {
    return store.list().stream().map(CheckpointListEntry::checkpointId)
        .collect(Collectors.toCollection(HashSet::new));
  }

  private void assertFsckClean() {
    if (!GitCli.isAvailable()) {
      return;
    }
    for (Path repo : List.of(dir.resolve("remote.git"), dir.resolve("a"), dir.resolve("b"))) {
      GitCli.in(repo, dir.resolve("home"), TestRepos.T0).text("fsck", "--strict", "--no-progress");
    }
  }
}
