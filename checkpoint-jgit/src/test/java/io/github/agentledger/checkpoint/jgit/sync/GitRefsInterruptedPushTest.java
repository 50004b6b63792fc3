package io.github.agentledger.checkpoint.jgit.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.SyncFixture;
import io.github.agentledger.checkpoint.jgit.TestRepos;
import io.github.agentledger.checkpoint.jgit.TwoClonesAndARemote;
import io.github.agentledger.checkpoint.jgit.internal.PushQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A push of per-checkpoint refs that dies halfway (the connection drops before the second batch)
 * has published the first batch and keeps everything else queued; the next push sends the rest,
 * and nothing is pushed twice or lost.
 */
class GitRefsInterruptedPushTest extends TwoClonesAndARemote {
  @Test
  void aPushInterruptedHalfwayKeepsTheRestQueuedAndTheNextPushFinishesIt() {
    JGitCheckpointStore store = TestRepos.store(a).layout(CheckpointLayout.GIT_REFS).build();
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      CheckpointId id = store.newCheckpointId();
      store.write(WriteRequest.builder(id, AgentSessionId.of("s" + i)).branch("main").build());
      refs.add("refs/entire/checkpoints/" + id.refShard() + "/" + id);
    }
    AtomicInteger updates = new AtomicInteger();
    CheckpointSync dying = CheckpointSync.builder(a).remote(url).clock(SyncFixture.CLOCK)
        .pushBatchSize(3).hook((ref, expected) -> {
          if (updates.incrementAndGet() == 4) {
            throw new CheckpointSyncException(url, "push", "connection reset (test)", null);
          }
        }).build();

    assertThatThrownBy(dying::pushCheckpointRefs).isInstanceOf(CheckpointSyncException.class);

    PushQueue queue = PushQueue.in(a.getCommonDirectory().toPath());
    assertThat(SyncFixture.refs(remote, "refs/entire/checkpoints/").keySet())
        .containsExactlyElementsOf(refs.subList(0, 3));
    assertThat(queue.refs()).containsExactlyElementsOf(refs.subList(3, 6));

    SyncResult rest = SyncFixture.sync(a, url).pushCheckpointRefs();

    assertThat(rest.refs()).extracting(SyncResult.RefOutcome::ref)
        .containsExactlyElementsOf(refs.subList(3, 6));
    assertThat(rest.refs()).allSatisfy(
        r -> assertThat(r.status()).isEqualTo(SyncResult.Status.PUSHED));
    assertThat(queue.refs()).isEmpty();
    assertThat(SyncFixture.refs(remote, "refs/entire/checkpoints/"))
        .isEqualTo(SyncFixture.refs(a, "refs/entire/checkpoints/"));
  }

  @Test
  void aRefWrittenAgainWhileItsPushIsInFlightStaysQueued() {
    JGitCheckpointStore store = TestRepos.store(a).layout(CheckpointLayout.GIT_REFS).build();
    CheckpointId id = store.newCheckpointId();
    String ref = "refs/entire/checkpoints/" + id.refShard() + "/" + id;
    store.write(WriteRequest.builder(id, AgentSessionId.of("first")).branch("main").build());
    CheckpointSync racing = CheckpointSync.builder(a).remote(url).clock(SyncFixture.CLOCK)
        .hook((r, expected) -> store.write(WriteRequest.builder(id,
            AgentSessionId.of("during-push")).branch("main").build())).build();

    racing.pushCheckpointRefs();

    assertThat(PushQueue.in(a.getCommonDirectory().toPath()).refs()).containsExactly(ref);
    SyncFixture.sync(a, url).pushCheckpointRefs();
    assertThat(SyncFixture.refs(remote, ref)).isEqualTo(SyncFixture.refs(a, ref));
    assertThat(PushQueue.in(a.getCommonDirectory().toPath()).refs()).isEmpty();
  }
}
