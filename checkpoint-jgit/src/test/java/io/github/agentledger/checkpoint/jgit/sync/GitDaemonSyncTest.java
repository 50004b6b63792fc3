package io.github.agentledger.checkpoint.jgit.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.jgit.GitCli;
import io.github.agentledger.checkpoint.jgit.GitDaemon;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.RefTrees;
import io.github.agentledger.checkpoint.jgit.SyncFixture;
import io.github.agentledger.checkpoint.jgit.TestRepos;
import io.github.agentledger.checkpoint.jgit.V2RefStates;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync over the git protocol against a real {@code git daemon} on a loopback port: v1 replay and
 * v2 merges travel the same way as over {@code file://}, and the command-line fetch of the same
 * refspecs from the daemon sees the same commits.
 */
class GitDaemonSyncTest {
  @TempDir
  Path dir;

  private GitDaemon daemon;
  private Repository remote;
  private Repository a;
  private Repository b;
  private String url;

  @BeforeEach
  void startDaemon() throws Exception {
    assumeTrue(GitDaemon.isAvailable(),
        "git or git daemon is not installed; the loopback git-protocol test is skipped");
    Path base = dir.resolve("served");
    Files.createDirectories(base);
    remote = SyncFixture.bare(base.resolve("remote.git"));
    daemon = GitDaemon.start(base, dir.resolve("home"));
    url = daemon.url("remote.git");
    a = TestRepos.onDisk(dir.resolve("a"));
    b = TestRepos.onDisk(dir.resolve("b"));
  }

  @AfterEach
  void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    for (Repository repository : new Repository[] {remote, a, b}) {
      if (repository != null) {
        repository.close();
      }
    }
  }

  @Test
  void divergedClonesReconcileOverTheGitProtocol() throws Exception {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    JGitCheckpointStore storeB = SyncFixture.store(b, 2);
    CheckpointId shared = SyncFixture.write(storeA, "s", "shared");
    CheckpointId v2Base = CheckpointId.parse("1a0000000001");
    V2RefStates.write(a, v2Base, "s", "base", at(1));
    assertThat(SyncFixture.sync(a, url).push().allSucceeded()).isTrue();
    assertThat(SyncFixture.sync(b, url).fetch().refs()).hasSize(3).allSatisfy(
        r -> assertThat(r.status()).isEqualTo(SyncResult.Status.FETCHED));
    CheckpointId fromA = SyncFixture.write(storeA, "sa", "from-a");
    CheckpointId v2A = CheckpointId.parse("1b0000000002");
    V2RefStates.write(a, v2A, "s", "a", at(2));
    SyncFixture.sync(a, url).push();
    CheckpointId fromB = SyncFixture.write(storeB, "sb", "from-b");
    CheckpointId v2B = CheckpointId.parse("1c0000000003");
    V2RefStates.write(b, v2B, "s", "b", at(3));

    SyncResult result = SyncFixture.sync(b, url).push();

    assertThat(result.refs()).extracting(SyncResult.RefOutcome::status).containsOnly(
        SyncResult.Status.RECOVERED);
    assertThat(result.refs()).hasSize(3);
    SyncFixture.sync(a, url).fetch();
    for (JGitCheckpointStore store : List.of(storeA, storeB)) {
      assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
          .containsExactlyInAnyOrder(shared, fromA, fromB);
    }
    for (Repository clone : List.of(a, b)) {
      assertThat(V2RefStates.checkpoints(clone, RefNames.V2_MAIN))
          .containsExactly(v2Base, v2A, v2B);
    }
    GitCli git = GitCli.in(dir.resolve("a"), dir.resolve("home"), TestRepos.T0);
    for (String ref : List.of(RefNames.V1_BRANCH, RefNames.V2_MAIN, RefNames.V2_FULL_CURRENT)) {
      git.text("fetch", "--no-tags", url, "+" + ref + ":refs/cli-check/" + ref.substring(5));
      assertThat(git.text("rev-parse", "refs/cli-check/" + ref.substring(5)))
          .isEqualTo(RefTrees.tipId(a, ref).name());
    }
    git.text("fsck", "--strict", "--no-progress");
    GitCli.in(dir.resolve("served/remote.git"), dir.resolve("home"), TestRepos.T0)
        .text("fsck", "--strict", "--no-progress");
  }

  @Test
  void aRefusalByTheServerIsReportedWithItsReasonAndNotRetried() throws Exception {
    Path hook = dir.resolve("served/remote.git/hooks/pre-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\necho 'Cannot update this protected ref' >&2\nexit 1\n");
    assumeTrue(hook.toFile().setExecutable(true), "cannot make the pre-receive hook executable");
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    CheckpointId id = SyncFixture.write(storeA, "s", "refused");
    java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();
    CheckpointSync sync = CheckpointSync.builder(a).remote(url).clock(SyncFixture.CLOCK)
        .maxAttempts(5).hook((ref, expected) -> attempts.incrementAndGet()).build();

    SyncResult result = sync.push();

    SyncResult.RefOutcome outcome = result.forRef(RefNames.V1_BRANCH).orElseThrow();
    assertThat(outcome.status()).isEqualTo(SyncResult.Status.REJECTED);
    assertThat(outcome.detail()).contains("REJECTED_OTHER_REASON");
    assertThat(attempts).hasValue(1);
    assertThat(RefTrees.tipId(remote, RefNames.V1_BRANCH)).isNull();
    assertThat(storeA.readSummary(id)).isPresent();
  }

  private static Instant at(int minutes) {
    return TestRepos.T0.plusSeconds(60L * minutes);
  }
}
