package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh clone writes on top of what exists (issue 13 item 5, spec §14): with only the
 * remote-tracking copy of the checkpoint ref, the first write starts the local ref at that tip,
 * as git's branch tracking would, never an unrelated orphan.
 */
class FreshCloneWriteTest {
  static final String OLD = "bcdbcdbcdbcd";
  static final String NEW = "feedfacecafe";

  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  private void assertBuiltOnTop(EntireBranch branch, String remoteTip, String ref) {
    String local = branch.git().text("rev-parse", ref);
    assertThat(local).isNotEqualTo(remoteTip);
    assertThat(branch.git().text("rev-parse", local + "^1")).isEqualTo(remoteTip);
    Map<String, String> before = new TreeMap<>(branch.blobs(remoteTip));
    before.keySet().removeIf(path -> path.endsWith("/" + EntireBranch.shard(rewritten)
        .substring(3) + "/metadata.json"));
    assertThat(branch.blobs(ref)).containsAllEntriesOf(before);
  }

  /** The checkpoint whose summary the write re-aggregates (excluded from the blob check). */
  private String rewritten = NEW;

  @Test
  void theFirstV1WriteStartsTheLocalBranchAtTheRemoteTip() {
    EntireBranch branch = EntireBranch.v1(temp);
    branch.checkpoint(OLD).slots(0, 2).commit();
    String remoteTip = branch.tip();
    branch.remoteTrackingOnly("origin");

    try (Repository repository = branch.open()) {
      JGitCheckpointStore store = TestRepos.store(repository).build();
      store.write(RealSlotsTest.request(NEW, "fresh").build());

      assertBuiltOnTop(branch, remoteTip, EntireBranch.V1);
      assertThat(store.list()).extracting(e -> e.checkpointId().value())
          .containsExactlyInAnyOrder(OLD, NEW);
      assertThat(store.readLatestSession(CheckpointId.parse(OLD)).orElseThrow().sessionIndex())
          .isEqualTo(2);
    }
  }

  @Test
  void aRemoteWithAnotherNameCountsToo() {
    EntireBranch branch = EntireBranch.v1(temp);
    branch.checkpoint(OLD).slots(0).commit();
    String remoteTip = branch.tip();
    branch.remoteTrackingOnly("upstream");
    rewritten = OLD;

    try (Repository repository = branch.open()) {
      TestRepos.store(repository).build().write(RealSlotsTest.request(OLD, "fresh").build());
    }

    assertBuiltOnTop(branch, remoteTip, EntireBranch.V1);
    assertThat(branch.blobs(EntireBranch.V1)).containsKeys("bc/dbcdbcdbcd/0/metadata.json",
        "bc/dbcdbcdbcd/1/metadata.json");
  }

  @Test
  void theFirstV2WriteStartsMainAtTheRemoteTrackingCopy() {
    EntireBranch branch = EntireBranch.v2Main(temp);
    branch.checkpoint(OLD).slots(0).noTranscript(0).commit();
    String remoteTip = branch.tip();
    branch.remoteTrackingOnly("origin");

    try (Repository repository = branch.open()) {
      JGitCheckpointStore store = TestRepos.store(repository).layout(CheckpointLayout.V2).build();
      store.write(RealSlotsTest.request(NEW, "fresh").build());

      assertBuiltOnTop(branch, remoteTip, EntireBranch.V2_MAIN);
      assertThat(store.readSummary(CheckpointId.parse(OLD))).isPresent();
    }
  }
}
