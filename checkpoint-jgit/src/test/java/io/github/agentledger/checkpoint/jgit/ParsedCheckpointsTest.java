package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a store keeps of parsed checkpoint directories (by tree id) never answers for a tree the
 * ref no longer holds, and the summaries a listing leaves behind are the ones {@code readSummary}
 * builds itself.
 */
class ParsedCheckpointsTest {
  static final String ID = "c0ffee123456";
  static final String OTHER = "a3b2c4d5e6f7";

  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  @Test
  void aValueIsFoundAgainByAnEqualIdAndTreeAndByNothingElse() {
    ParsedCheckpoints parsed = new ParsedCheckpoints();
    ObjectId tree = ObjectId.fromString("1111111111111111111111111111111111111111");
    CheckpointListEntry entry = new CheckpointListEntry(CheckpointId.parse(ID), Optional.empty(),
        1, 1, List.of("a.txt"), "agent", Optional.empty());

    parsed.putEntry(CheckpointId.parse(ID), tree, entry);

    // Fresh instances, as a later listing has: found by value, not by identity.
    assertThat(parsed.entry(CheckpointId.parse(ID), ObjectId.fromString(tree.name())))
        .contains(entry);
    assertThat(parsed.entry(CheckpointId.parse(OTHER), tree)).isEmpty();
    assertThat(parsed.entry(CheckpointId.parse(ID),
        ObjectId.fromString("2222222222222222222222222222222222222222"))).isEmpty();
    assertThat(parsed.summary(CheckpointId.parse(ID), tree)).isEmpty();
  }

  @Test
  void aSummaryLeftByTheListingIsTheOneReadSummaryBuildsOnItsOwn() {
    EntireBranch branch = EntireBranch.v1(temp);
    // Five slot directories, the summary lists one of them (after a merge of session logs).
    branch.checkpoint(ID).slots(0, 1, 2, 3, 4).listed(0).afterMerge().commit();
    branch.checkpoint(OTHER).slots(0, 2).context(2).commit();
    try (Repository listed = branch.open(); Repository fresh = branch.open()) {
      JGitCheckpointStore listing = TestRepos.store(listed).build();
      JGitCheckpointStore reading = TestRepos.store(fresh).build();

      listing.list();

      for (String id : new String[] {ID, OTHER}) {
        CheckpointSummary fromListing = listing.readSummary(CheckpointId.parse(id)).orElseThrow();
        assertThat(fromListing).isEqualTo(
            reading.readSummary(CheckpointId.parse(id)).orElseThrow());
      }
      assertThat(listing.readSummary(CheckpointId.parse(ID)).orElseThrow().sessions())
          .hasSize(5);
    }
  }

  @Test
  void aCheckpointRewrittenElsewhereReadsAsItIsNowAndTheOthersAsBefore() {
    EntireBranch branch = EntireBranch.v1(temp);
    branch.checkpoint(ID).slots(0).commit();
    branch.checkpoint(OTHER).slots(0).commit();
    try (Repository mine = branch.open(); Repository another = branch.open()) {
      JGitCheckpointStore store = TestRepos.store(mine).build();
      CheckpointListEntry otherBefore = entry(store, OTHER);
      assertThat(entry(store, ID).sessionCount()).isEqualTo(1);
      assertThat(store.readSummary(CheckpointId.parse(ID)).orElseThrow().sessions()).hasSize(1);

      // Another writer (its own repository object, as another process) adds a session.
      TestRepos.store(another).build().write(RealSlotsTest.request(ID, "newcomer").build());

      assertThat(entry(store, ID).sessionCount()).isEqualTo(2);
      assertThat(store.readSummary(CheckpointId.parse(ID)).orElseThrow().sessions()).hasSize(2);
      assertThat(entry(store, OTHER)).isEqualTo(otherBefore);
    }
  }

  private static CheckpointListEntry entry(JGitCheckpointStore store, String id) {
    return store.list().stream().filter(e -> e.checkpointId().value().equals(id)).findFirst()
        .orElseThrow();
  }
}
