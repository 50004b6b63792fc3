package io.github.agentledger.checkpoint.jgit.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.SyncFixture;
import io.github.agentledger.checkpoint.jgit.TestRepos;
import io.github.agentledger.checkpoint.jgit.TwoClonesAndARemote;
import io.github.agentledger.checkpoint.jgit.V2RefStates;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * Deterministic races: a hook between reading the remote and sending the update lets another
 * clone push first. The guarded update must fail, and the next attempt must recover without
 * overwriting what the other clone pushed.
 */
class SyncRaceTest extends TwoClonesAndARemote {
  private static final CheckpointId BASE = CheckpointId.parse("2a0000000001");
  private static final CheckpointId FROM_A = CheckpointId.parse("2b0000000002");
  private static final CheckpointId FROM_B = CheckpointId.parse("2c0000000003");
  private static final CheckpointId AFTER_ROTATION = CheckpointId.parse("2d0000000004");



  @Test
  void aPushOvertakenBetweenReadAndUpdateIsRetriedAndReplayed() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    JGitCheckpointStore storeB = SyncFixture.store(b, 2);
    CheckpointId shared = SyncFixture.write(storeA, "s", "shared");
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    CheckpointId fromA = SyncFixture.write(storeA, "sa", "from-a");
    CheckpointId fromB = SyncFixture.write(storeB, "sb", "from-b");
    AtomicBoolean overtaken = new AtomicBoolean();
    CheckpointSync syncB = CheckpointSync.builder(b).remote(url).clock(SyncFixture.CLOCK)
        .hook((ref, expected) -> {
          if (!overtaken.getAndSet(true)) {
            assertThat(SyncFixture.sync(a, url).push().forRef(ref).orElseThrow().status())
                .isEqualTo(SyncResult.Status.PUSHED);
          }
        }).build();

    SyncResult result = syncB.push();

    assertThat(overtaken).isTrue();
    assertThat(result.forRef(RefNames.V1_BRANCH).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    SyncFixture.sync(a, url).fetch();
    assertThat(storeA.list()).extracting(CheckpointListEntry::checkpointId)
        .containsExactlyInAnyOrder(shared, fromA, fromB);
  }

  @Test
  void aLocalWriteBetweenRecoveryAndTheLocalSwapIsNeverLost() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    JGitCheckpointStore storeB = SyncFixture.store(b, 2);
    CheckpointId shared = SyncFixture.write(storeA, "s", "shared");
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    CheckpointId fromA = SyncFixture.write(storeA, "sa", "from-a");
    SyncFixture.sync(a, url).push();
    CheckpointId fromB = SyncFixture.write(storeB, "sb", "from-b");
    CheckpointId[] during = new CheckpointId[1];
    CheckpointSync syncB = CheckpointSync.builder(b).remote(url).clock(SyncFixture.CLOCK)
        .hook(new SyncContext.Hook() {
          @Override
          public void beforeRemoteUpdate(String ref, java.util.Optional<ObjectId> expected) {}

          @Override
          public void beforeLocalSwap(String ref, java.util.Optional<ObjectId> expected) {
            if (during[0] == null) {
              during[0] = SyncFixture.write(storeB, "sb", "during-sync");
            }
          }
        }).build();

    SyncResult result = syncB.push();

    assertThat(during[0]).isNotNull();
    assertThat(result.forRef(RefNames.V1_BRANCH).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    assertThat(storeB.list()).extracting(CheckpointListEntry::checkpointId)
        .containsExactlyInAnyOrder(shared, fromA, fromB, during[0]);
    SyncFixture.sync(a, url).fetch();
    assertThat(storeA.list()).extracting(CheckpointListEntry::checkpointId)
        .containsExactlyInAnyOrder(shared, fromA, fromB, during[0]);
  }

  @Test
  void aRemoteThatKeepsMovingExhaustsTheAttemptsAndLeavesLocalWorkIntact() {
    JGitCheckpointStore storeA = SyncFixture.store(a, 1);
    JGitCheckpointStore storeB = SyncFixture.store(b, 2);
    SyncFixture.write(storeA, "s", "shared");
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    CheckpointId fromB = SyncFixture.write(storeB, "sb", "from-b");
    java.util.concurrent.atomic.AtomicInteger overtakes =
        new java.util.concurrent.atomic.AtomicInteger();
    CheckpointSync syncB = CheckpointSync.builder(b).remote(url).clock(SyncFixture.CLOCK)
        .maxAttempts(2).hook((ref, expected) -> {
          SyncFixture.write(storeA, "sa", "overtake-" + overtakes.incrementAndGet());
          SyncFixture.sync(a, url).push();
        }).build();

    SyncResult result = syncB.push();

    SyncResult.RefOutcome outcome = result.forRef(RefNames.V1_BRANCH).orElseThrow();
    assertThat(outcome.status()).isEqualTo(SyncResult.Status.REJECTED);
    assertThat(outcome.detail()).contains("gave up after 2 attempts");
    assertThat(overtakes).hasValue(2);
    assertThat(result.allSucceeded()).isFalse();
    assertThat(storeB.readSummary(fromB)).isPresent();
    assertThat(SyncFixture.refs(b, RefNames.SYNC_TMP_PREFIX)).isEmpty();
    assertThat(SyncFixture.sync(b, url).push().forRef(RefNames.V1_BRANCH).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    SyncFixture.sync(a, url).fetch();
    assertThat(storeA.readSummary(fromB)).isPresent();
  }

  @Test
  void aLeaseOnTheRemoteCurrentFailsWhenAnotherClonePushedAndTheRetryKeepsItsWork() {
    V2RefStates.write(a, BASE, "s", "base", t(1));
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    V2RefStates.write(a, FROM_A, "s", "a", t(2));
    V2RefStates.rotate(a, t(3));
    V2RefStates.write(a, AFTER_ROTATION, "s", "after", t(4));
    V2RefStates.write(b, FROM_B, "s", "b", t(5));
    AtomicBoolean overtaken = new AtomicBoolean();
    CheckpointSync syncA = CheckpointSync.builder(a).remote(url).clock(SyncFixture.CLOCK)
        .hook((ref, expected) -> {
          if (ref.equals(RefNames.V2_FULL_CURRENT) && !overtaken.getAndSet(true)) {
            assertThat(SyncFixture.sync(b, url).push().forRef(ref).orElseThrow().status())
                .isEqualTo(SyncResult.Status.PUSHED);
          }
        }).build();

    SyncResult result = syncA.push();

    assertThat(overtaken).isTrue();
    assertThat(result.allSucceeded()).as(result.toString()).isTrue();
    assertThat(result.forRef(RefNames.V2_FULL_CURRENT).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    String archive = RefNames.v2Archive(1);
    assertThat(V2RefStates.checkpoints(remote, archive)).containsExactly(BASE, FROM_A, FROM_B);
    assertThat(V2RefStates.checkpoints(remote, RefNames.V2_FULL_CURRENT))
        .containsExactly(AFTER_ROTATION);
    assertThat(V2RefStates.checkpoints(remote, RefNames.V2_MAIN))
        .containsExactly(BASE, FROM_A, FROM_B, AFTER_ROTATION);
  }

  private static Instant t(int minutes) {
    return TestRepos.T0.plusSeconds(60L * minutes);
  }
}
