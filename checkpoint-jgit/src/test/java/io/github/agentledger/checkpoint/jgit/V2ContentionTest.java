package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.lines;
import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contended dual write of issue 22 item 4: 8 writers (each with its own store over one
 * on-disk repository, as separate processes would be) × 50 writes, threshold 5. No generation
 * ever holds more than the threshold: a write that finds {@code /full/current} full archives it
 * and starts the next generation in the same move that adds its own checkpoint (on disk a
 * compare-and-swap of {@code /full/current} before {@code /main}), so a generation cannot grow
 * past it whoever wins the race. Prints the p50/p99 write latency and the warnings by kind (a
 * measurement, not asserted: the machine is shared). Sized by {@code agentledger.stress.scale}
 * (the default suite runs 8 × 10 writes).
 */
class V2ContentionTest {
  private static final int THREADS = 8;
  private static final int THRESHOLD = 5;

  @TempDir Path dir;

  private final RecordingLogger logger = new RecordingLogger();

  @Test
  void noGenerationExceedsTheThresholdUnderEightRacingDualWriters() throws Exception {
    int perThread = Integer.getInteger("agentledger.contention.writes",
        StressSettings.scale() > 1 ? 50 : 10);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<CheckpointId> all = new ArrayList<>();
    try (Repository repository = TestRepos.onDisk(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<CheckpointId>>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          JGitCheckpointStore writer = JGitCheckpointStore.builder(repository)
              .layout(CheckpointLayout.DUAL_WRITE).clock(Clock.systemUTC())
              .random(new SplittableRandom(t)).redactor(Redactor.none())
              .maxCheckpointsPerGeneration(THRESHOLD).logger(logger).build();
          long base = 0x100000000000L * (t + 1);
          futures.add(pool.submit(() -> {
            start.await();
            List<CheckpointId> written = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
              CheckpointId id = CheckpointId.parse(String.format("%012x", base + i));
              long began = System.nanoTime();
              writer.write(request(id, AgentSessionId.of("s")).transcript(body(id)).build());
              latencies.add(System.nanoTime() - began);
              written.add(id);
            }
            return written;
          }));
        }
        start.countDown();
        for (Future<List<CheckpointId>> future : futures) {
          all.addAll(future.get(10, TimeUnit.MINUTES));
        }
      } finally {
        pool.shutdownNow();
      }
      JGitCheckpointStore reader = TestRepos.store(repository).layout(CheckpointLayout.V2)
          .maxCheckpointsPerGeneration(THRESHOLD).build();
      int largest = reader.currentGeneration().orElseThrow().checkpoints().size();
      for (ArchivedGeneration archive : reader.archivedGenerations()) {
        largest = Math.max(largest, archive.metadata().checkpoints().size());
      }
      List<Long> sorted = latencies.stream().sorted().toList();
      System.out.printf("V2ContentionTest: %d writes, largest generation %d, p50 %.1f ms,"
          + " p99 %.1f ms, max %.1f ms, warnings %d%n", sorted.size(), largest,
          sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 99 / 100) / 1e6,
          sorted.get(sorted.size() - 1) / 1e6, logger.at(System.Logger.Level.WARNING).size());
      logger.at(System.Logger.Level.WARNING).stream()
          .map(e -> e.message().replaceAll("[0-9a-f]{12,}", "<id>"))
          .collect(Collectors.groupingBy(m -> m.substring(0, Math.min(220, m.length())),
              Collectors.counting()))
          .forEach((message, count) -> System.out.printf("V2ContentionTest: %d x %s%n", count,
              message));
      assertThat(largest).as("checkpoints in the largest generation").isLessThanOrEqualTo(
          THRESHOLD);
      assertThat(reader.list().stream().map(CheckpointListEntry::checkpointId)
          .collect(Collectors.toSet())).containsAll(all);
      for (int i = 0; i < reader.archivedGenerations().size(); i++) {
        assertThat(reader.archivedGenerations().get(i).number()).isEqualTo(i + 1);
      }
    }
  }

  private static Transcript body(CheckpointId id) {
    return lines("{\"checkpoint\":\"" + id.value() + "\",\"pad\":\"" + "x".repeat(2000) + "\"}");
  }
}
