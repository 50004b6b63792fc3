package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.lines;
import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.RefLockedException;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock files left in place, as a killed git or JGit writer leaves them: a stale one is broken and
 * the write goes through, a fresh one is reported by name and age within the waiting bound.
 */
class StaleRefLockTest {
  static final AgentSessionId S = AgentSessionId.of("session-001");

  @TempDir Path dir;

  private final RecordingLogger logger = new RecordingLogger();

  private static CheckpointId id(int n) {
    return CheckpointId.parse(String.format("%012x", 0xabc000000000L + n));
  }

  private static Path lockOf(Path dir, String ref) throws IOException {
    Path lock = dir.resolve(".git").resolve(ref + ".lock");
    Files.createDirectories(lock.getParent());
    return lock;
  }

  private static void leave(Path lock, Duration age) throws IOException {
    Files.writeString(lock, "0123456789012345678901234567890123456789\n");
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(age)));
  }

  private JGitCheckpointStore.Builder store(Repository repository, CheckpointLayout layout) {
    return TestRepos.store(repository).layout(layout).redactor(Redactor.none())
        .retryPolicy(RetryPolicy.immediate(3)).maxCheckpointsPerGeneration(2).logger(logger);
  }

  private static void write(JGitCheckpointStore store, int n) {
    store.write(request(id(n), S).transcript(lines("{\"n\":" + n + "}")).build());
  }

  @Test
  void aStaleV1LockOverAnUnmovedRefIsBrokenAndTheWriteSucceeds() throws IOException {
    try (Repository repository = TestRepos.onDisk(dir)) {
      JGitCheckpointStore store = store(repository, CheckpointLayout.V1).build();
      write(store, 1);
      Path lock = lockOf(dir, RefNames.V1_BRANCH);
      leave(lock, Duration.ofMinutes(1));

      write(store, 2);

      assertThat(lock).doesNotExist();
      assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
          .containsExactlyInAnyOrder(id(1), id(2));
      assertThat(Files.list(dir.resolve(".git")))
          .noneMatch(p -> p.getFileName().toString().startsWith("agentledger-stale-lock"));
      GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict");
      assertThat(fsck.exitCode()).as(fsck.stderr()).isZero();
    }
  }

  @Test
  void aFreshLockIsNeverBrokenAndIsReportedByNameAndAgeWithinTheBound() throws IOException {
    try (Repository repository = TestRepos.onDisk(dir)) {
      JGitCheckpointStore store = store(repository, CheckpointLayout.V1)
          .staleLockAge(Duration.ofHours(1)).maxRefWait(Duration.ofMillis(300))
          .sleeper(d -> Thread.sleep(d.toMillis())).build();
      write(store, 1);
      Path lock = lockOf(dir, RefNames.V1_BRANCH);
      leave(lock, Duration.ofMinutes(1));
      String before = Files.readString(dir.resolve(".git").resolve(RefNames.V1_BRANCH));

      long start = System.nanoTime();
      assertThatThrownBy(() -> write(store, 2))
          .isInstanceOfSatisfying(RefLockedException.class, e -> {
            assertThat(e.lockFile()).isEqualTo(lock.toString());
            assertThat(e.lockAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(59));
          })
          .hasMessageContaining(RefNames.V1_BRANCH).hasMessageContaining(lock.toString());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

      assertThat(lock).exists();
      assertThat(Files.readString(dir.resolve(".git").resolve(RefNames.V1_BRANCH)))
          .isEqualTo(before);
    }
  }

  @Test
  void aWriteWaitsForAFreshLockToTurnStaleThenBreaksIt() throws IOException {
    try (Repository repository = TestRepos.onDisk(dir)) {
      JGitCheckpointStore store = store(repository, CheckpointLayout.V1)
          .staleLockAge(Duration.ofMillis(400)).maxRefWait(Duration.ofSeconds(10))
          .sleeper(d -> Thread.sleep(d.toMillis())).build();
      write(store, 1);
      Path lock = lockOf(dir, RefNames.V1_BRANCH);
      leave(lock, Duration.ZERO);

      write(store, 2);

      assertThat(lock).doesNotExist();
      assertThat(store.list()).hasSize(2);
    }
  }

  @Test
  void aStalePackedRefsLockIsBrokenAndRotationGoesOn() throws IOException {
    try (Repository repository = TestRepos.onDisk(dir)) {
      JGitCheckpointStore store = store(repository, CheckpointLayout.V2).build();
      write(store, 1);
      Path lock = dir.resolve(".git/packed-refs.lock");
      leave(lock, Duration.ofMinutes(1));

      write(store, 2); // reaches the threshold: rotation's atomic batch needs packed-refs
      write(store, 3);

      assertThat(lock).doesNotExist();
      assertThat(repository.getRefDatabase().getRefsByPrefix(RefNames.V2_FULL_PREFIX))
          .extracting(r -> r.getName()).contains(RefNames.V2_FULL_PREFIX + "0000000000001");
      assertThat(store.list()).hasSize(3);
      GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict");
      assertThat(fsck.exitCode()).as(fsck.stderr()).isZero();
    }
  }

  @Test
  void aFreshPackedRefsLockHoldsBackOnlyTheRotationWhichFailsQuicklyByNameAndIsLeftToALaterWrite()
      throws IOException {
    try (Repository repository = TestRepos.onDisk(dir)) {
      JGitCheckpointStore store = store(repository, CheckpointLayout.V2)
          .staleLockAge(Duration.ofHours(1)).maxRefWait(Duration.ofMillis(200))
          .sleeper(d -> Thread.sleep(d.toMillis())).build();
      write(store, 1);
      Path lock = dir.resolve(".git/packed-refs.lock");
      leave(lock, Duration.ZERO);

      // On disk a v2 write moves /full/current and then /main, each as its own loose ref
      // (docs/checkpoint-format.md#v2-write-ordering): a live packed-refs holder (git pack-refs,
      // gc) does not stop it. Write 2 reaches the threshold; only the rotation needs packed-refs,
      // and it gives up within maxRefWait, naming the lock, without failing the write.
      long start = System.nanoTime();
      write(store, 2);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(lock).exists();
      assertThat(store.list()).hasSize(2);
      assertThat(logger.at(System.Logger.Level.WARNING)).anySatisfy(e -> assertThat(e.message())
          .contains("rotation of " + RefNames.V2_FULL_CURRENT).contains(lock.toString()));
      assertThat(repository.getRefDatabase().getRefsByPrefix(RefNames.V2_FULL_PREFIX))
          .extracting(r -> r.getName()).containsExactly(RefNames.V2_FULL_CURRENT);

      Files.delete(lock);
      write(store, 3);

      assertThat(store.archivedGenerations()).singleElement()
          .satisfies(a -> assertThat(a.metadata().checkpoints())
              .containsExactlyInAnyOrder(id(1), id(2)));
      assertThat(store.currentGeneration().orElseThrow().checkpoints()).containsExactly(id(3));
      assertThat(store.list()).hasSize(3);
    }
  }

  @Test
  void dualWriteBreaksAStaleV2LockSoV2KeepsUp() throws IOException {
    try (Repository repository = TestRepos.onDisk(dir)) {
      JGitCheckpointStore dual = store(repository, CheckpointLayout.DUAL_WRITE).build();
      write(dual, 1);
      Path lock = lockOf(dir, RefNames.V2_MAIN);
      leave(lock, Duration.ofMinutes(1));

      write(dual, 2);

      assertThat(lock).doesNotExist();
      JGitCheckpointStore v2 = store(repository, CheckpointLayout.V2).build();
      assertThat(v2.list()).extracting(CheckpointListEntry::checkpointId)
          .containsExactlyInAnyOrder(id(1), id(2));
    }
  }

  @Test
  void aWriterKilledWhileHoldingTheRefLockBlocksOnlyUntilTheLockIsStale() throws Exception {
    try (Repository repository = TestRepos.onDisk(dir)) {
      write(store(repository, CheckpointLayout.V1).build(), 1);
      Path ref = dir.resolve(".git").resolve(RefNames.V1_BRANCH);
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), RefLockHolderProcess.class.getName(),
          ref.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        BufferedReader out = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        // While the holder lives and its lock is young, the lock is its own.
        JGitCheckpointStore patient = store(repository, CheckpointLayout.V1)
            .staleLockAge(Duration.ofHours(1)).maxRefWait(Duration.ofMillis(100))
            .sleeper(d -> Thread.sleep(d.toMillis())).build();
        assertThatThrownBy(() -> write(patient, 2)).isInstanceOf(RefLockedException.class)
            .hasMessageContaining(ref + ".lock");
      } finally {
        child.destroyForcibly(); // SIGKILL: the lock file stays behind
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
      }
      assertThat(Path.of(ref + ".lock")).exists();

      JGitCheckpointStore next = store(repository, CheckpointLayout.V1)
          .staleLockAge(Duration.ofMillis(300)).maxRefWait(Duration.ofSeconds(10))
          .sleeper(d -> Thread.sleep(d.toMillis())).build();
      write(next, 3);

      assertThat(Path.of(ref + ".lock")).doesNotExist();
      assertThat(next.list()).extracting(CheckpointListEntry::checkpointId)
          .containsExactlyInAnyOrder(id(1), id(3));
      GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict");
      assertThat(fsck.exitCode()).as(fsck.stderr()).isZero();
    }
  }
}
