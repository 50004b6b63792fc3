package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointNotFoundException;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JGitCheckpointStore#reaggregateSummary}: the lossless repair of a summary that disagrees
 * with its slot directories, on branches laid out with git plumbing as the Entire CLI leaves them.
 * The expected summary is the one the same fixture writes for a consistent checkpoint (every slot
 * listed), so a repair must match it byte for byte, unknown keys and all.
 */
class SummaryRepairTest {
  private static final String ID = "a3b2c4d5e6f7";
  private static final String OTHER = "0f1e2d3c4b5a";
  private static final String UNKNOWN_KEY = "{\"source\":\"future-cli\",\"n\":[1,2]}";

  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  /** The summary text a consistent checkpoint with these slot directories has. */
  private String consistentSummary(String name, int... slots) {
    EntireBranch consistent = EntireBranch.v1(temp.resolve(name));
    consistent.checkpoint(ID).slots(slots).summaryKey("future_field", UNKNOWN_KEY).commit();
    return consistent.text(consistent.ref(), EntireBranch.shard(ID) + "/metadata.json");
  }

  @Test
  void aSummaryMissingASlotDirectoryGetsItAddedAndNothingElseChanges() {
    EntireBranch branch = EntireBranch.v1(temp.resolve("broken"));
    branch.checkpoint(OTHER).slots(0).commit();
    branch.checkpoint(ID).slots(0, 1, 2).listed(0, 2)
        .summaryKey("future_field", UNKNOWN_KEY).commit();
    String before = branch.tip();
    Map<String, String> blobsBefore = branch.blobs();

    List<SummaryRepair> repairs;
    try (Repository repository = branch.open()) {
      repairs = TestRepos.store(repository).build().reaggregateSummary(CheckpointId.parse(ID));
    }

    assertThat(repairs).containsExactly(new SummaryRepair(CheckpointId.parse(ID),
        EntireBranch.V1, SummaryRepair.Outcome.REWRITTEN));
    String summaryPath = EntireBranch.shard(ID) + "/metadata.json";
    assertThat(branch.text(EntireBranch.V1, summaryPath))
        .isEqualTo(consistentSummary("expected", 0, 1, 2));
    Map<String, String> otherBlobs = new TreeMap<>(branch.blobs(EntireBranch.V1));
    otherBlobs.remove(summaryPath);
    Map<String, String> expectedOthers = new TreeMap<>(blobsBefore);
    expectedOthers.remove(summaryPath);
    assertThat(otherBlobs).isEqualTo(expectedOthers);
    assertThat(branch.git().text("log", "-1", "--format=%P%n%s", EntireBranch.V1).split("\n"))
        .containsExactly(before, "Re-aggregate summary for checkpoint " + ID
            + " from its session directories");
  }

  @Test
  void aSummaryListingASlotWithoutDirectoryDropsItAndASecondRunWritesNothing() {
    EntireBranch branch = EntireBranch.v1(temp.resolve("broken"));
    branch.checkpoint(ID).slots(0, 1).listed(0, 1, 2)
        .summaryKey("future_field", UNKNOWN_KEY).commit();

    try (Repository repository = branch.open()) {
      JGitCheckpointStore store = TestRepos.store(repository).build();
      assertThat(store.reaggregateSummary(CheckpointId.parse(ID)))
          .extracting(SummaryRepair::outcome).containsExactly(SummaryRepair.Outcome.REWRITTEN);
      String repaired = branch.git().text("rev-parse", EntireBranch.V1);

      assertThat(store.reaggregateSummary(CheckpointId.parse(ID)))
          .extracting(SummaryRepair::outcome).containsExactly(SummaryRepair.Outcome.UNCHANGED);
      assertThat(branch.git().text("rev-parse", EntireBranch.V1)).isEqualTo(repaired);
    }
    assertThat(branch.text(EntireBranch.V1, EntireBranch.shard(ID) + "/metadata.json"))
        .isEqualTo(consistentSummary("expected", 0, 1));
  }

  @Test
  void aConsistentEntireSummaryIsLeftByteForByte() {
    EntireBranch branch = EntireBranch.v1(temp.resolve("fine"));
    branch.checkpoint(ID).slots(0, 2).summaryKey("future_field", UNKNOWN_KEY).commit();
    String before = branch.tip();

    try (Repository repository = branch.open()) {
      assertThat(TestRepos.store(repository).build().reaggregateSummary(CheckpointId.parse(ID)))
          .extracting(SummaryRepair::outcome).containsExactly(SummaryRepair.Outcome.UNCHANGED);
    }
    assertThat(branch.git().text("rev-parse", EntireBranch.V1)).isEqualTo(before);
  }

  @Test
  void aSlotWhoseMetadataDoesNotParseIsRefusedAndNothingIsWritten() {
    EntireBranch branch = EntireBranch.v1(temp.resolve("damaged"));
    branch.checkpoint(ID).slots(0, 1).listed(0).sessionKey(1, "token_usage", "\"not an object\"")
        .commit();
    String before = branch.tip();

    try (Repository repository = branch.open()) {
      JGitCheckpointStore store = TestRepos.store(repository).build();
      assertThatThrownBy(() -> store.reaggregateSummary(CheckpointId.parse(ID)))
          .isInstanceOf(CorruptCheckpointException.class)
          .hasMessageContaining("1/metadata.json");
    }
    assertThat(branch.git().text("rev-parse", EntireBranch.V1)).isEqualTo(before);
  }

  @Test
  void anAbsentCheckpointIsNotFound() {
    EntireBranch branch = EntireBranch.v1(temp.resolve("other"));
    branch.checkpoint(OTHER).slots(0).commit();
    String before = branch.tip();

    try (Repository repository = branch.open()) {
      JGitCheckpointStore store = TestRepos.store(repository).build();
      assertThatThrownBy(() -> store.reaggregateSummary(CheckpointId.parse(ID)))
          .isInstanceOf(CheckpointNotFoundException.class);
    }
    assertThat(branch.git().text("rev-parse", EntireBranch.V1)).isEqualTo(before);
  }

  @Test
  void v2MainIsRepairedInTheV2Layout() {
    EntireBranch main = EntireBranch.v2Main(temp.resolve("v2"));
    main.checkpoint(ID).slots(0, 1).listed(1).summaryKey("future_field", UNKNOWN_KEY).commit();

    try (Repository repository = main.open()) {
      assertThat(TestRepos.store(repository).layout(CheckpointLayout.V2).build()
          .reaggregateSummary(CheckpointId.parse(ID)))
          .containsExactly(new SummaryRepair(CheckpointId.parse(ID), EntireBranch.V2_MAIN,
              SummaryRepair.Outcome.REWRITTEN));
    }
    assertThat(main.text(EntireBranch.V2_MAIN, EntireBranch.shard(ID) + "/metadata.json"))
        .isEqualTo(consistentSummary("expected", 0, 1));
  }
}
