package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.sync.SyncResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

/** v2 push and fetch against a bare file:// remote: union merges, rotations, archives. */
class V2SyncTest extends TwoClonesAndARemote {
  private static final String MAIN = RefNames.V2_MAIN;
  private static final String CURRENT = RefNames.V2_FULL_CURRENT;
  private static final String ARCHIVE_1 = RefNames.v2Archive(1);
  private static final CheckpointId BASE = CheckpointId.parse("0a0000000001");
  private static final CheckpointId FROM_A = CheckpointId.parse("0b0000000002");
  private static final CheckpointId FROM_B = CheckpointId.parse("0c0000000003");
  private static final CheckpointId AFTER_ROTATION = CheckpointId.parse("0d0000000004");



  @Test
  void pushPublishesArchivesBeforeCurrentAndFetchBringsArchivesOnDemand() {
    V2RefStates.write(a, BASE, "s", "base", t(1));
    V2RefStates.rotate(a, t(2));
    V2RefStates.write(a, FROM_A, "s", "a", t(3));

    SyncResult pushed = SyncFixture.sync(a, url).push();

    assertThat(pushed.refs()).extracting(SyncResult.RefOutcome::ref)
        .containsExactly(ARCHIVE_1, MAIN, CURRENT);
    assertThat(pushed.refs()).allSatisfy(
        r -> assertThat(r.status()).isEqualTo(SyncResult.Status.PUSHED));
    for (String ref : List.of(ARCHIVE_1, MAIN, CURRENT)) {
      assertThat(RefTrees.tipId(remote, ref)).isEqualTo(RefTrees.tipId(a, ref));
    }

    SyncResult fetched = SyncFixture.sync(b, url).fetch();
    assertThat(fetched.refs()).extracting(SyncResult.RefOutcome::ref, SyncResult.RefOutcome::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(MAIN, SyncResult.Status.FETCHED),
            org.assertj.core.groups.Tuple.tuple(CURRENT, SyncResult.Status.FETCHED));
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isNull();

    SyncResult archives = SyncFixture.sync(b, url).fetchArchivedGenerations();
    assertThat(archives.forRef(ARCHIVE_1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.FETCHED);
    assertThat(V2RefStates.checkpoints(b, ARCHIVE_1)).containsExactly(BASE);
    assertThat(V2RefStates.checkpoints(b, CURRENT)).containsExactly(FROM_A);
    assertThat(SyncFixture.refs(b, RefNames.SYNC_TMP_PREFIX)).isEmpty();
    assertThat(SyncFixture.sync(a, url).push().refs()).allSatisfy(
        r -> assertThat(r.status()).isEqualTo(SyncResult.Status.UP_TO_DATE));
  }

  @Test
  void divergedMainAndCurrentAreJoinedByMergeCommitsWithASemanticGenerationMerge() {
    V2RefStates.write(a, BASE, "s", "base", t(1));
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    V2RefStates.write(a, FROM_A, "s", "a", t(5));
    SyncFixture.sync(a, url).push();
    ObjectId pushedMainA = RefTrees.tipId(a, MAIN);
    V2RefStates.write(b, FROM_B, "s", "b", t(3));
    ObjectId localMainB = RefTrees.tipId(b, MAIN);

    SyncResult result = SyncFixture.sync(b, url).push();

    assertThat(result.forRef(MAIN).orElseThrow().status()).isEqualTo(SyncResult.Status.RECOVERED);
    assertThat(result.forRef(CURRENT).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    RevCommit merge = RefTrees.tip(remote, MAIN);
    assertThat(merge.getParents()).extracting(RevCommit::getId)
        .containsExactly(localMainB, pushedMainA);
    assertThat(merge.getFullMessage()).isEqualTo("Merge remote v2/main");
    assertThat(V2RefStates.checkpoints(remote, MAIN)).containsExactly(BASE, FROM_A, FROM_B);
    assertThat(V2RefStates.checkpoints(remote, CURRENT)).containsExactly(BASE, FROM_A, FROM_B);
    GenerationMetadata generation = V2RefStates.generation(remote, CURRENT);
    assertThat(generation.checkpoints()).containsExactly(BASE, FROM_A, FROM_B);
    assertThat(generation.oldestCheckpointAt()).contains(t(1));
    assertThat(generation.newestCheckpointAt()).contains(t(5));
    assertThat(RefTrees.tipId(b, CURRENT)).isEqualTo(RefTrees.tipId(remote, CURRENT));

    SyncResult fetchedByA = SyncFixture.sync(a, url).fetch();
    assertThat(fetchedByA.refs()).allSatisfy(
        r -> assertThat(r.status()).isEqualTo(SyncResult.Status.FETCHED));
    assertThat(V2RefStates.checkpoints(a, MAIN)).containsExactly(BASE, FROM_A, FROM_B);
  }

  @Test
  void aDivergedFetchMergesLocallyAndNeverRewinds() {
    V2RefStates.write(a, BASE, "s", "base", t(1));
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    V2RefStates.write(a, FROM_A, "s", "a", t(2));
    SyncFixture.sync(a, url).push();
    V2RefStates.write(b, FROM_B, "s", "b", t(3));
    ObjectId localMain = RefTrees.tipId(b, MAIN);

    SyncResult result = SyncFixture.sync(b, url).fetch();

    assertThat(result.forRef(MAIN).orElseThrow().status()).isEqualTo(SyncResult.Status.MERGED);
    assertThat(RefTrees.tip(b, MAIN).getParents()).extracting(RevCommit::getId)
        .contains(localMain);
    assertThat(V2RefStates.checkpoints(b, MAIN)).containsExactly(BASE, FROM_A, FROM_B);
    assertThat(V2RefStates.checkpoints(b, CURRENT)).containsExactly(BASE, FROM_A, FROM_B);
  }

  @Test
  void whenTheRemoteRotatedLocalWorkGoesIntoTheMatchingArchive() throws Exception {
    V2RefStates.write(a, BASE, "s", "base", t(1));
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    V2RefStates.write(a, FROM_A, "s", "a", t(2));
    V2RefStates.rotate(a, t(3));
    V2RefStates.write(a, AFTER_ROTATION, "s", "after", t(4));
    SyncResult pushedByA = SyncFixture.sync(a, url).push();
    assertThat(pushedByA.forRef(CURRENT).orElseThrow().status())
        .isEqualTo(SyncResult.Status.PUSHED);
    assertThat(pushedByA.forRef(CURRENT).orElseThrow().detail()).contains("under a lease");
    ObjectId archivedByA = RefTrees.tipId(remote, ARCHIVE_1);
    V2RefStates.write(b, FROM_B, "s", "b", t(5));

    SyncResult result = SyncFixture.sync(b, url).push();

    assertThat(result.forRef(CURRENT).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    assertThat(result.forRef(CURRENT).orElseThrow().detail()).contains("remote rotated");
    assertThat(result.forRef(ARCHIVE_1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    assertThat(V2RefStates.checkpoints(remote, ARCHIVE_1)).containsExactly(BASE, FROM_A, FROM_B);
    assertThat(V2RefStates.checkpoints(remote, CURRENT)).containsExactly(AFTER_ROTATION);
    assertThat(V2RefStates.generation(remote, ARCHIVE_1).checkpoints())
        .containsExactlyInAnyOrder(BASE, FROM_A, FROM_B);
    assertThat(V2RefStates.generation(remote, ARCHIVE_1).newestCheckpointAt()).contains(t(5));
    assertThat(isAncestor(remote, archivedByA, RefTrees.tipId(remote, ARCHIVE_1))).isTrue();
    assertThat(RefTrees.tipId(b, CURRENT)).isEqualTo(RefTrees.tipId(remote, CURRENT));
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isEqualTo(RefTrees.tipId(remote, ARCHIVE_1));
    assertThat(V2RefStates.checkpoints(remote, MAIN))
        .containsExactly(BASE, FROM_A, FROM_B, AFTER_ROTATION);

    SyncFixture.sync(a, url).fetch();
    SyncResult archivesForA = SyncFixture.sync(a, url).fetchArchivedGenerations();
    assertThat(archivesForA.forRef(ARCHIVE_1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.FETCHED);
    for (Repository clone : List.of(a, b, remote)) {
      assertThat(V2RefStates.checkpoints(clone, MAIN))
          .containsExactly(BASE, FROM_A, FROM_B, AFTER_ROTATION);
      assertThat(RefTrees.tipId(clone, ARCHIVE_1)).isEqualTo(RefTrees.tipId(remote, ARCHIVE_1));
      assertThat(RefTrees.tipId(clone, CURRENT)).isEqualTo(RefTrees.tipId(remote, CURRENT));
    }
    assertThat(SyncFixture.refs(remote, RefNames.V2_FULL_PREFIX))
        .containsOnlyKeys(ARCHIVE_1, CURRENT);
    assertFsckClean();
  }

  @Test
  void aFetchAfterARemoteRotationMovesLocalWorkIntoTheArchiveAndTheNextPushPublishesIt() {
    V2RefStates.write(a, BASE, "s", "base", t(1));
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    V2RefStates.rotate(a, t(2));
    V2RefStates.write(a, AFTER_ROTATION, "s", "after", t(3));
    SyncFixture.sync(a, url).push();
    V2RefStates.write(b, FROM_B, "s", "b", t(4));

    SyncResult fetched = SyncFixture.sync(b, url).fetch();

    assertThat(fetched.forRef(CURRENT).orElseThrow().status()).isEqualTo(SyncResult.Status.MERGED);
    assertThat(fetched.forRef(CURRENT).orElseThrow().detail()).contains("remote rotated");
    assertThat(fetched.forRef(ARCHIVE_1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.MERGED);
    assertThat(RefTrees.tipId(b, CURRENT)).isEqualTo(RefTrees.tipId(remote, CURRENT));
    assertThat(V2RefStates.checkpoints(b, ARCHIVE_1)).containsExactly(BASE, FROM_B);
    assertThat(V2RefStates.checkpoints(remote, ARCHIVE_1)).containsExactly(BASE);

    SyncResult pushed = SyncFixture.sync(b, url).push();

    assertThat(pushed.forRef(ARCHIVE_1).orElseThrow().status()).isEqualTo(SyncResult.Status.PUSHED);
    assertThat(V2RefStates.checkpoints(remote, ARCHIVE_1)).containsExactly(BASE, FROM_B);
    assertThat(V2RefStates.checkpoints(remote, MAIN))
        .containsExactly(BASE, FROM_B, AFTER_ROTATION);
  }

  @Test
  void aRemoteRotationMergeKeepsUnpublishedWorkOfTheLocalArchiveCopy() {
    V2RefStates.write(a, BASE, "s", "base", t(1));
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    V2RefStates.rotate(a, t(2));
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetchArchivedGenerations();
    V2RefStates.finalizeIn(b, ARCHIVE_1, BASE, "finalized-by-b", t(3));
    V2RefStates.write(a, FROM_A, "s", "a", t(4));
    SyncFixture.sync(a, url).fetch();
    V2RefStates.write(b, FROM_B, "s", "b", t(5));
    V2RefStates.finalizeIn(remote, ARCHIVE_1, BASE, "finalized-remotely", t(6));

    SyncResult fetched = SyncFixture.sync(b, url).fetch();

    assertThat(fetched.forRef(ARCHIVE_1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.MERGED);
    assertThat(V2RefStates.checkpoints(b, ARCHIVE_1)).containsExactly(BASE, FROM_B);
    assertThat(V2RefStates.transcript(b, ARCHIVE_1, BASE)).contains("finalized-by-b");
    assertThat(isAncestorQuietly(b, RefTrees.tipId(remote, ARCHIVE_1),
        RefTrees.tipId(b, ARCHIVE_1))).isTrue();
  }

  @Test
  void aLocalRotationAbsorbsWhatTheRemoteGenerationGainedMeanwhile() {
    V2RefStates.write(a, BASE, "s", "base", t(1));
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    V2RefStates.write(b, FROM_B, "s", "b", t(2));
    SyncFixture.sync(b, url).push();
    V2RefStates.write(a, FROM_A, "s", "a", t(3));
    V2RefStates.rotate(a, t(4));
    V2RefStates.write(a, AFTER_ROTATION, "s", "after", t(5));

    SyncResult result = SyncFixture.sync(a, url).push();

    assertThat(result.forRef(CURRENT).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    assertThat(V2RefStates.checkpoints(remote, ARCHIVE_1)).containsExactly(BASE, FROM_A, FROM_B);
    assertThat(V2RefStates.checkpoints(remote, CURRENT)).containsExactly(AFTER_ROTATION);
    assertThat(RefTrees.tipId(remote, CURRENT)).isEqualTo(RefTrees.tipId(a, CURRENT));
    assertThat(RefTrees.tipId(remote, ARCHIVE_1)).isEqualTo(RefTrees.tipId(a, ARCHIVE_1));
    assertThat(V2RefStates.checkpoints(remote, MAIN))
        .containsExactly(BASE, FROM_A, FROM_B, AFTER_ROTATION);
  }

  @Test
  void twoGenerationsUnderOneArchiveNumberAreRejectedAndCurrentIsHeldBack() {
    V2RefStates.write(a, FROM_A, "s", "a", t(1));
    V2RefStates.rotate(a, t(2));
    SyncFixture.sync(a, url).push();
    V2RefStates.write(b, FROM_B, "s", "b", t(3));
    V2RefStates.rotate(b, t(4));
    ObjectId localArchive = RefTrees.tipId(b, ARCHIVE_1);
    Map<String, ObjectId> remoteBefore = SyncFixture.refs(remote, RefNames.V2_FULL_PREFIX);

    SyncResult result = SyncFixture.sync(b, url).push();

    assertThat(result.forRef(ARCHIVE_1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.REJECTED);
    assertThat(result.forRef(ARCHIVE_1).orElseThrow().detail())
        .contains("archive number collision");
    assertThat(result.forRef(CURRENT).orElseThrow().status())
        .isEqualTo(SyncResult.Status.REJECTED);
    assertThat(result.forRef(CURRENT).orElseThrow().detail()).contains(ARCHIVE_1);
    assertThat(result.allSucceeded()).isFalse();
    assertThat(SyncFixture.refs(remote, RefNames.V2_FULL_PREFIX)).isEqualTo(remoteBefore);
    assertThat(RefTrees.tipId(b, ARCHIVE_1)).isEqualTo(localArchive);
  }

  @Test
  void anArchiveRotatedOnBothClonesFromOneGenerationIsMerged() {
    V2RefStates.write(a, BASE, "s", "base", t(1));
    SyncFixture.sync(a, url).push();
    SyncFixture.sync(b, url).fetch();
    V2RefStates.write(a, FROM_A, "s", "a", t(2));
    V2RefStates.rotate(a, t(3));
    SyncFixture.sync(a, url).push();
    V2RefStates.write(b, FROM_B, "s", "b", t(4));
    V2RefStates.rotate(b, t(5));
    V2RefStates.write(b, AFTER_ROTATION, "s", "after", t(6));

    SyncResult result = SyncFixture.sync(b, url).push();

    assertThat(result.allSucceeded()).as(result.toString()).isTrue();
    assertThat(result.forRef(ARCHIVE_1).orElseThrow().status())
        .isEqualTo(SyncResult.Status.RECOVERED);
    assertThat(V2RefStates.checkpoints(remote, ARCHIVE_1)).containsExactly(BASE, FROM_A, FROM_B);
    assertThat(V2RefStates.checkpoints(remote, CURRENT)).containsExactly(AFTER_ROTATION);
    assertThat(V2RefStates.generation(remote, ARCHIVE_1).checkpoints())
        .containsExactlyInAnyOrder(BASE, FROM_A, FROM_B);
  }

  private static Instant t(int minutes) {
    return TestRepos.T0.plusSeconds(60L * minutes);
  }

  private static boolean isAncestor(Repository repository, ObjectId ancestor, ObjectId tip)
      throws Exception {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(tip));
    }
  }

  private static boolean isAncestorQuietly(Repository repository, ObjectId ancestor,
      ObjectId tip) {
    try {
      return isAncestor(repository, ancestor, tip);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
