package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.lines;
import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several writers (each with its own store over the same repository, as separate processes would
 * be) race through many rotations with a small threshold; afterwards every checkpoint is in
 * exactly one generation and reads back. Sized by {@code agentledger.stress.scale}.
 */
class V2RotationStressTest {
  private static final int THREADS = 4;
  private static final int THRESHOLD = 3;

  @TempDir Path dir;

  private final RecordingLogger logger = new RecordingLogger();

  private static Transcript body(CheckpointId id) {
    return lines("{\"checkpoint\":\"" + id.value() + "\"}");
  }

  private JGitCheckpointStore store(Repository repository, long seed) {
    return JGitCheckpointStore.builder(repository).layout(CheckpointLayout.V2)
        .clock(Clock.systemUTC()).random(new SplittableRandom(seed)).redactor(Redactor.none())
        .retryPolicy(RetryPolicy.jitteredBackoff(100_000, Duration.ofNanos(1),
            Duration.ofMillis(1), new SplittableRandom(seed)))
        .sleeper(duration -> Thread.yield())
        .maxCheckpointsPerGeneration(THRESHOLD).logger(logger).build();
  }

  private void race(Repository repository) throws Exception {
    int perThread = 12 * StressSettings.scale();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<CheckpointId>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        JGitCheckpointStore writer = store(repository, t);
        long base = 0x100000000000L * (t + 1);
        futures.add(pool.submit(() -> {
          start.await();
          List<CheckpointId> written = new ArrayList<>();
          for (long i : LongStream.range(0, perThread).toArray()) {
            CheckpointId id = CheckpointId.parse(String.format("%012x", base + i));
            writer.write(request(id, AgentSessionId.of("s")).transcript(body(id)).build());
            written.add(id);
          }
          return written;
        }));
      }
      start.countDown();
      List<CheckpointId> all = new ArrayList<>();
      for (Future<List<CheckpointId>> future : futures) {
        all.addAll(future.get(5, TimeUnit.MINUTES));
      }
      assertConsistent(repository, all);
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertConsistent(Repository repository, List<CheckpointId> all) {
    Map<CheckpointId, Integer> occurrences = V2Refs.occurrences(repository);
    assertThat(occurrences.keySet()).containsExactlyInAnyOrderElementsOf(all);
    assertThat(occurrences.entrySet()).allSatisfy(e -> assertThat(e.getValue())
        .as("generations holding " + e.getKey()).isEqualTo(1));
    JGitCheckpointStore reader = store(repository, 99);
    for (CheckpointId id : all) {
      assertThat(reader.readSession(id, 0).orElseThrow().transcript()).isEqualTo(body(id));
    }
    List<ArchivedGeneration> archives = reader.archivedGenerations();
    assertThat(archives.size()).isGreaterThanOrEqualTo(all.size() / (THRESHOLD * 2));
    for (int i = 0; i < archives.size(); i++) {
      assertThat(archives.get(i).number()).isEqualTo(i + 1);
      assertThat(archives.get(i).metadata().checkpoints()).hasSizeGreaterThanOrEqualTo(THRESHOLD);
    }
    assertThat(reader.currentGeneration().orElseThrow().checkpoints()).hasSizeLessThan(THRESHOLD);
    assertThat(logger.at(System.Logger.Level.WARNING)).isEmpty();
  }

  @Test
  void inMemoryWithAtomicRefUpdates() throws Exception {
    race(TestRepos.inMemory());
  }

  @Test
  void inMemoryWithoutAtomicRefUpdates() throws Exception {
    InMemoryRepository repository = TestRepos.inMemory();
    repository.setPerformsAtomicTransactions(false);
    race(repository);
  }

  @Test
  void onDisk() throws Exception {
    try (Repository repository = TestRepos.onDisk(dir)) {
      race(repository);
    }
  }
}
