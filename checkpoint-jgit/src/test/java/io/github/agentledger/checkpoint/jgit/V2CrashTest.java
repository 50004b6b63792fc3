package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 22: three writer JVMs on one on-disk repository under the v2 and dual-write layouts, one
 * of them SIGKILLed (and replaced) every 0.5–3 s. Afterwards: every acknowledged checkpoint is
 * listed with its transcript; every checkpoint listed on {@code /main} has its transcript (the
 * atomic write); archives are numbered 1..n without a gap; each generation's
 * {@code generation.json} lists exactly the checkpoints its tree holds and no more than the
 * threshold; with dual write, one {@code reconcile()} makes v2 hold every v1 checkpoint and a
 * second finds nothing; {@code git fsck --strict} is clean. The default suite runs about 8 s
 * per layout; {@code -Pstress} ({@code agentledger.stress.scale}) ten times that.
 */
class V2CrashTest {
  private static final int WRITERS = 3;
  private static final int THRESHOLD = 4;

  @org.junit.jupiter.api.io.TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = CheckpointLayout.class, names = {"V2", "DUAL_WRITE"})
  void killedWritersLoseNothingAcknowledgedAndLeaveConsistentGenerations(
      CheckpointLayout layout) throws Exception {
    Duration runFor = Duration.ofSeconds(8L * StressSettings.scale());
    SplittableRandom random = new SplittableRandom(layout.ordinal() + 22);
    TestRepos.onDisk(dir).close();
    Set<CheckpointId> acknowledged = ConcurrentHashMap.newKeySet();
    List<Process> writers = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    int started = 0;
    int kills = 0;
    try {
      for (; started < WRITERS; started++) {
        writers.add(start(layout, started, acknowledged, readers));
      }
      long begin = System.nanoTime();
      long end = begin + runFor.toNanos();
      long cap = begin + runFor.multipliedBy(20).toNanos();
      int minAcknowledged = 10 * StressSettings.scale();
      int seen = 0;
      while ((System.nanoTime() < end || acknowledged.size() < minAcknowledged)
          && System.nanoTime() < cap) {
        // Each kill waits for a new acknowledgement first, so that a slow machine (JVM start-up
        // under load) still kills writers that are writing. The schedule is timed, the
        // assertions are not: nothing below depends on when a kill hit.
        while (acknowledged.size() <= seen && System.nanoTime() < cap) {
          Thread.sleep(50);
        }
        Thread.sleep(random.nextLong(500, 3001));
        seen = acknowledged.size();
        int victim = random.nextInt(WRITERS);
        kill(writers.get(victim));
        kills++;
        writers.set(victim, start(layout, started++, acknowledged, readers));
      }
    } finally {
      for (Process writer : writers) {
        kill(writer);
      }
      for (Thread reader : readers) {
        reader.join(TimeUnit.MINUTES.toMillis(1));
      }
    }
    System.out.printf("V2CrashTest %s: %d writers started, %d killed mid-run, %d acknowledged%n",
        layout, started, kills, acknowledged.size());
    assertThat(acknowledged).as("acknowledged checkpoints (else the run proved nothing)")
        .isNotEmpty();

    try (Repository repository = TestRepos.openOnDisk(dir)) {
      // A killed writer may hold a ref lock: a verifying store treats any lock as stale at once
      // (the refs must still hold what it read, so nothing live is broken: all writers are dead).
      JGitCheckpointStore.Builder verifying = TestRepos.store(repository)
          .redactor(Redactor.none()).maxCheckpointsPerGeneration(THRESHOLD)
          .staleLockAge(Duration.ofNanos(1));
      if (layout == CheckpointLayout.DUAL_WRITE) {
        JGitCheckpointStore v1 = verifying.layout(CheckpointLayout.V1).build();
        assertThat(ids(v1.list())).containsAll(acknowledged);
        JGitCheckpointStore dual = verifying.layout(CheckpointLayout.DUAL_WRITE).build();
        V2Lag repaired = dual.reconcile();
        System.out.printf("V2CrashTest DUAL_WRITE: reconcile repaired %d missing and %d"
            + " differing%n", repaired.missing().size(), repaired.differing().size());
        assertThat(dual.v2Lag().upToDate()).isTrue();
        assertThat(dual.reconcile().upToDate()).isTrue();
        assertThat(ids(verifying.layout(CheckpointLayout.V2).build().list()))
            .containsExactlyInAnyOrderElementsOf(ids(v1.list()));
      }
      JGitCheckpointStore v2 = verifying.layout(CheckpointLayout.V2).build();
      Set<CheckpointId> listed = ids(v2.list());
      assertThat(listed).containsAll(acknowledged);
      for (CheckpointId id : listed) {
        assertThat(v2.readLatestSession(id).orElseThrow().transcript())
            .as("transcript of listed checkpoint " + id)
            .isEqualTo(V2WriterProcess.body(id));
      }
      assertGenerations(repository, v2, listed, layout == CheckpointLayout.V2);
    }
    GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict");
    assertThat(fsck.exitCode()).as(fsck.stderr()).isZero();
  }

  private static void assertGenerations(Repository repository, JGitCheckpointStore v2,
      Set<CheckpointId> listed, boolean eachInOne) {
    List<ArchivedGeneration> archives = v2.archivedGenerations();
    Set<CheckpointId> inGenerations = new HashSet<>();
    for (int i = 0; i < archives.size(); i++) {
      ArchivedGeneration archive = archives.get(i);
      assertThat(archive.number()).as("archive numbering").isEqualTo(i + 1);
      assertDescribesItsTree(repository, RefNames.v2Archive(archive.number()),
          archive.metadata());
      inGenerations.addAll(archive.metadata().checkpoints());
    }
    GenerationMetadata current = v2.currentGeneration().orElseThrow();
    assertDescribesItsTree(repository, RefNames.V2_FULL_CURRENT, current);
    inGenerations.addAll(current.checkpoints());
    assertThat(inGenerations).containsAll(listed);
    if (eachInOne) {
      assertThat(V2Refs.occurrences(repository).entrySet()).allSatisfy(e -> assertThat(
          e.getValue()).as("generations holding " + e.getKey()).isEqualTo(1));
    }
  }

  private static void assertDescribesItsTree(Repository repository, String ref,
      GenerationMetadata generation) {
    assertThat(generation.checkpoints()).as("generation.json of " + ref)
        .containsExactlyInAnyOrderElementsOf(V2Refs.checkpointsOn(repository, ref));
    assertThat(generation.checkpoints()).as("checkpoints in " + ref)
        .hasSizeLessThanOrEqualTo(THRESHOLD);
  }

  private static Set<CheckpointId> ids(List<CheckpointListEntry> entries) {
    return entries.stream().map(CheckpointListEntry::checkpointId).collect(Collectors.toSet());
  }

  private Process start(CheckpointLayout layout, int number, Set<CheckpointId> acknowledged,
      List<Thread> readers) throws IOException {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), V2WriterProcess.class.getName(),
        dir.toString(), layout.name(), String.format("%04x", number), Integer.toString(THRESHOLD))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        if (!"ready".equals(out.readLine())) {
          return;
        }
        child.getOutputStream().write('\n');
        child.getOutputStream().flush();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.length() == 12) { // a line cut by the kill is no acknowledgement
            acknowledged.add(CheckpointId.parse(line));
          }
        }
      } catch (IOException killed) {
        // the pipe closes when the child dies
      }
    });
    reader.setDaemon(true);
    reader.start();
    readers.add(reader);
    return child;
  }

  private static void kill(Process child) throws InterruptedException {
    child.destroyForcibly(); // SIGKILL on Unix
    if (!child.waitFor(1, TimeUnit.MINUTES)) {
      throw new AssertionError("child " + child.pid() + " did not die");
    }
  }

}
