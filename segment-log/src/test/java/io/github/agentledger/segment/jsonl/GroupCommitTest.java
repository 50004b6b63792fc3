package io.github.agentledger.segment.jsonl;

import static io.github.agentledger.segment.jsonl.TestLines.lines;
import static io.github.agentledger.segment.jsonl.TestLines.readAll;
import static io.github.agentledger.segment.jsonl.TestLines.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 50 * Integer.getInteger("agentledger.stress.scale", 1);

  @TempDir Path dir;

  private final AtomicReference<FaultyChannel> channel = new AtomicReference<>();

  private WriterOptions options(Durability durability) {
    return WriterOptions.of(durability).withGroupCommit(THREADS, Duration.ofMillis(20))
        .withOpener((file, opts) -> {
          FaultyChannel c = new FaultyChannel(FileChannel.open(file, opts));
          channel.set(c);
          return c;
        });
  }

  private Path segment() {
    Path file = dir.resolve("0197a000-0000-7000-8000-000000000003.jsonl");
    write(file, "{\"start\":0}\n");
    return file;
  }

  @Test
  void concurrentAppendsShareForcesAndEachReturnsOnlyOnceItsLineIsForced() throws Exception {
    Path file = segment();
    ConcurrentLinkedQueue<String> uncovered = new ConcurrentLinkedQueue<>();
    try (SegmentFileWriter writer =
        SegmentFileWriter.open(file, options(Durability.GROUP_COMMIT))) {
      runConcurrently(writer, (t, i) -> {
        AppendResult result = writer.append(OptionalLong.empty(),
            lines("{\"t\":" + t + ",\"i\":" + i + "}"));
        long durable = channel.get().durableSize();
        if (durable < result.endOffset()) {
          uncovered.add("t" + t + " i" + i + ": forced " + durable + " < " + result.endOffset());
        }
      });
      assertThat(writer.entryCount()).isEqualTo(1 + THREADS * PER_THREAD);
    }
    int appends = THREADS * PER_THREAD;
    assertThat(uncovered).isEmpty();
    assertThat(channel.get().forces()).isPositive().isLessThan(appends);
    assertThat(readAll(file)).hasSize(1 + appends);
  }

  @Test
  void fsyncEachForcesOncePerAppendBeforeItReturns() throws Exception {
    Path file = segment();
    try (SegmentFileWriter writer = SegmentFileWriter.open(file, options(Durability.FSYNC_EACH))) {
      for (int i = 0; i < 5; i++) {
        AppendResult result = writer.append(OptionalLong.empty(), lines("{\"i\":" + i + "}"));
        assertThat(channel.get().durableSize()).isEqualTo(result.endOffset());
      }
      assertThat(channel.get().forces()).isEqualTo(5);
    }
  }

  @Test
  void aFailedForceEachFailsThatAppendAndTheWriterAfterwards() {
    Path file = segment();
    try (SegmentFileWriter writer = SegmentFileWriter.open(file, options(Durability.FSYNC_EACH))) {
      writer.append(OptionalLong.empty(), lines("{\"i\":1}"));
      channel.get().failForce(1);
      assertThatThrownBy(() -> writer.append(OptionalLong.empty(), lines("{\"i\":2}")))
          .isInstanceOf(ForceFailedException.class);
      assertThatThrownBy(() -> writer.append(OptionalLong.empty(), lines("{\"i\":3}")))
          .isInstanceOf(WriterUnusableException.class)
          .hasCauseInstanceOf(ForceFailedException.class);
    }
    assertThat(readAll(file)).startsWith("{\"start\":0}", "{\"i\":1}").hasSizeLessThan(4);
  }

  @Test
  void noneNeverForces() {
    Path file = segment();
    try (SegmentFileWriter writer = SegmentFileWriter.open(file, options(Durability.NONE))) {
      writer.append(OptionalLong.empty(), lines("{\"i\":1}"));
      assertThat(channel.get().forces()).isZero();
    }
  }

  @Test
  void aSingleAppenderDoesNotWaitForABatch() {
    Path file = segment();
    WriterOptions slow = options(Durability.GROUP_COMMIT)
        .withGroupCommit(64, Duration.ofDays(1)); // a batch wait would hang the test
    try (SegmentFileWriter writer = SegmentFileWriter.open(file, slow)) {
      for (int i = 0; i < 3; i++) {
        writer.append(OptionalLong.empty(), lines("{\"i\":" + i + "}"));
      }
      assertThat(channel.get().forces()).isEqualTo(3);
    }
  }

  @Test
  @Timeout(120) // a lost wake-up of the leader would otherwise hang the build for a day
  void concurrentAppendersNeverWaitForTheDelayOnceEveryWriterIsWaiting() throws Exception {
    Path file = segment();
    WriterOptions slow = options(Durability.GROUP_COMMIT)
        .withGroupCommit(64, Duration.ofDays(1)); // more than the threads: the batch never fills
    try (SegmentFileWriter writer = SegmentFileWriter.open(file, slow)) {
      runConcurrently(writer, (t, i) -> writer.append(OptionalLong.empty(),
          lines("{\"t\":" + t + ",\"i\":" + i + "}")));
      assertThat(writer.entryCount()).isEqualTo(1 + THREADS * PER_THREAD);
    }
    assertThat(channel.get().forces()).isPositive().isLessThan(THREADS * PER_THREAD);
    assertThat(readAll(file)).hasSize(1 + THREADS * PER_THREAD);
  }

  @Test
  void aFailedGroupForceFailsTheAppendsItCoveredAndTheWriterAfterwards() throws Exception {
    Path file = segment();
    try (SegmentFileWriter writer =
        SegmentFileWriter.open(file, options(Durability.GROUP_COMMIT))) {
      channel.get().failForce(1);
      assertThatThrownBy(() -> writer.append(OptionalLong.empty(), lines("{\"i\":1}")))
          .isInstanceOf(ForceFailedException.class);
      assertThatThrownBy(() -> writer.append(OptionalLong.empty(), lines("{\"i\":2}")))
          .isInstanceOf(WriterUnusableException.class)
          .hasCauseInstanceOf(ForceFailedException.class);
    }
    try (SegmentFileWriter reopened =
        SegmentFileWriter.open(file, WriterOptions.of(Durability.NONE))) {
      assertThat(reopened.entryCount()).isEqualTo(2); // the unacknowledged line may be there
      reopened.append(OptionalLong.of(2), lines("{\"i\":3}"));
    }
  }

  @Test
  void aFailedForceInAConcurrentBatchAcknowledgesNoneOfTheAppendsItCovered() throws Exception {
    Path file = segment();
    ConcurrentLinkedQueue<AppendResult> acknowledged = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    try (SegmentFileWriter writer =
        SegmentFileWriter.open(file, options(Durability.GROUP_COMMIT))) {
      channel.get().failForce(3);
      runConcurrently(writer, (t, i) -> {
        try {
          acknowledged.add(writer.append(OptionalLong.empty(),
              lines("{\"t\":" + t + ",\"i\":" + i + "}")));
        } catch (SegmentFileException e) {
          failures.add(e);
        }
      });
    }
    long durable = channel.get().durableSize();
    assertThat(acknowledged).allSatisfy(r -> assertThat(r.endOffset()).isLessThanOrEqualTo(
        durable));
    assertThat(failures).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOfAny(
        ForceFailedException.class, WriterUnusableException.class));
    assertThat(failures).anySatisfy(e -> assertThat(e).isInstanceOf(ForceFailedException.class));
  }

  interface Append {
    void run(int thread, int index) throws Exception;
  }

  private static void runConcurrently(SegmentFileWriter writer, Append append) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < PER_THREAD; i++) {
            append.run(thread, i);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
