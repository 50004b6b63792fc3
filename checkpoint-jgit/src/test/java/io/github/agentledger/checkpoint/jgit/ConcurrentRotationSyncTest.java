package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.sync.SyncResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end claim: two clones write v1 and v2 checkpoints concurrently and push after
 * every write, one of them rotating {@code /full/current} half-way; after a final sync both clones
 * and the remote hold every checkpoint, every raw transcript is in a generation, git fsck is clean,
 * and every archive number the remote ever showed only moved forward (never reused for other
 * content).
 */
class ConcurrentRotationSyncTest {
  @TempDir
  Path dir;

  @Test
  void twoClonesPushingWhileOneRotatesLoseNothingAndNeverReuseAnArchiveNumber() throws Exception {
    int perClone = 8 * StressSettings.scale();
    Path remotePath = dir.resolve("remote.git");
    String url = SyncFixture.fileUrl(remotePath);
    List<CheckpointId> v1Written = Collections.synchronizedList(new ArrayList<>());
    List<CheckpointId> v2Written = Collections.synchronizedList(new ArrayList<>());
    List<SyncResult.RefOutcome> archiveSightings = Collections.synchronizedList(new ArrayList<>());
    try (Repository remote = SyncFixture.bare(remotePath);
        Repository a = TestRepos.onDisk(dir.resolve("a"));
        Repository b = TestRepos.onDisk(dir.resolve("b"))) {
      CyclicBarrier barrier = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (Repository clone : List.of(a, b)) {
          int seed = clone == a ? 1 : 2;
          futures.add(pool.submit(() -> {
            JGitCheckpointStore store = SyncFixture.store(clone, seed);
            CheckpointSync sync = CheckpointSync.builder(clone).remote(url)
                .clock(SyncFixture.CLOCK).maxAttempts(50).build();
            for (int i = 0; i < perClone; i++) {
              v1Written.add(SyncFixture.write(store, "s" + seed, seed + "-" + i));
              CheckpointId v2 = CheckpointId.parse(String.format("%02x%010x", seed, i));
              V2RefStates.write(clone, v2, "s" + seed, seed + "-" + i, at(seed, i));
              v2Written.add(v2);
              if (seed == 1 && i == perClone / 2) {
                V2RefStates.rotate(clone, at(seed, i));
              }
              barrier.await();
              SyncResult result = sync.push();
              assertThat(result.allSucceeded()).as(result.toString()).isTrue();
              result.refs().stream().filter(r -> RefNames.isV2Archive(r.ref()))
                  .filter(r -> r.commit().isPresent()).forEach(archiveSightings::add);
            }
            return null;
          }));
        }
        for (Future<?> future : futures) {
          future.get(10, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      for (Repository clone : List.of(a, b, a, b)) {
        CheckpointSync sync = SyncFixture.sync(clone, url);
        assertThat(sync.push().allSucceeded()).isTrue();
        assertThat(sync.fetch().allSucceeded()).isTrue();
        assertThat(sync.fetchArchivedGenerations().allSucceeded()).isTrue();
      }

      Map<String, ObjectId> remoteRefs = SyncFixture.refs(remote, "refs/");
      for (Repository repository : List.of(a, b)) {
        assertThat(SyncFixture.refs(repository, RefNames.V2_FULL_PREFIX))
            .isEqualTo(SyncFixture.refs(remote, RefNames.V2_FULL_PREFIX));
        assertThat(RefTrees.tipId(repository, RefNames.V2_MAIN))
            .isEqualTo(remoteRefs.get(RefNames.V2_MAIN));
        assertThat(RefTrees.tipId(repository, RefNames.V1_BRANCH))
            .isEqualTo(remoteRefs.get(RefNames.V1_BRANCH));
        assertThat(SyncFixture.store(repository, 9).list())
            .extracting(CheckpointListEntry::checkpointId)
            .containsExactlyInAnyOrderElementsOf(v1Written);
      }
      for (Repository repository : List.of(a, b, remote)) {
        assertThat(V2RefStates.checkpoints(repository, RefNames.V2_MAIN))
            .containsExactlyInAnyOrderElementsOf(v2Written);
        Set<CheckpointId> inGenerations = new HashSet<>();
        for (String ref : SyncFixture.refs(repository, RefNames.V2_FULL_PREFIX).keySet()) {
          inGenerations.addAll(V2RefStates.checkpoints(repository, ref));
        }
        assertThat(inGenerations).containsExactlyInAnyOrderElementsOf(v2Written);
      }
      assertThat(SyncFixture.refs(remote, RefNames.V2_FULL_PREFIX))
          .containsOnlyKeys(RefNames.v2Archive(1), RefNames.V2_FULL_CURRENT);
      try (RevWalk walk = new RevWalk(remote)) {
        for (SyncResult.RefOutcome sighting : archiveSightings) {
          ObjectId seen = ObjectId.fromString(sighting.commit().orElseThrow().value());
          ObjectId now = remoteRefs.get(sighting.ref());
          assertThat(walk.isMergedInto(walk.parseCommit(seen), walk.parseCommit(now)))
              .as("%s once at %s, now at %s", sighting.ref(), seen.name(), now.name()).isTrue();
        }
      }
      if (GitCli.isAvailable()) {
        for (Path repo : List.of(remotePath, dir.resolve("a"), dir.resolve("b"))) {
          GitCli.in(repo, dir.resolve("home"), TestRepos.T0)
              .text("fsck", "--strict", "--no-progress");
        }
      }
    }
  }

  private static Instant at(int clone, int i) {
    return TestRepos.T0.plusSeconds(60L * i + clone);
  }
}
