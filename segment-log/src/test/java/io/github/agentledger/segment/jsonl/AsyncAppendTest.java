package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SegmentWriterUnusableException;
import io.github.agentledger.segment.SessionId;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 4 (asynchronous appends sharing forces) and issue 22 item 7 (a writer left
 * unusable by a failed force says so with a typed error), on real files through a channel that
 * counts forces and fails one on request.
 */
@Timeout(120)
class AsyncAppendTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = SegmentId.parse("0197a000-0000-7000-8000-0000000000d1");
  private static final Duration LONG_DELAY = Duration.ofSeconds(80);

  @TempDir Path dir;

  private final AtomicReference<FaultyChannel> channel = new AtomicReference<>();

  private JsonlSegmentWriter open(Durability durability) {
    return open(durability, Duration.ofMillis(2));
  }

  /**
   * With a long {@code maxDelay} (its quiet slice is an eighth of it), a batch closes only by
   * count, by a thread blocking on a future, or by a synchronous append: nothing depends on timing.
   */
  private JsonlSegmentWriter open(Durability durability, Duration maxDelay) {
    JsonlSegmentStore.open(dir, Durability.NONE)
        .create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    WriterOptions options = WriterOptions.of(durability)
        .withGroupCommit(64, maxDelay)
        .withOpener((file, opts) -> {
          FaultyChannel c = new FaultyChannel(FileChannel.open(file, opts));
          channel.set(c);
          return c;
        });
    Path file = dir.resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl");
    return new JsonlSegmentWriter(SESSION, SEGMENT, SegmentFileWriter.open(file, options));
  }

  @Test
  void oneThreadKeepsManyAppendsInFlightEachCompletingOnlyOnceForcedAndInCallOrder() {
    int appends = 2000;
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    try (JsonlSegmentWriter writer = open(Durability.GROUP_COMMIT)) {
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < appends; i++) {
        long expectedCount = i + 2;
        CompletableFuture<Long> future =
            writer.appendAsync(List.of(new LogEntry.TurnEnd(i, i)));
        // Completion must imply the line is forced: the file's forced size covers this entry.
        future.thenAccept(count -> {
          if (count != expectedCount) {
            problems.add("append " + expectedCount + " completed with " + count);
          }
          long durable = channel.get().durableSize();
          long written = writer.file().committedLength();
          if (durable == 0 || count > expectedCount || durable > written) {
            problems.add("append " + expectedCount + " forced " + durable + " of " + written);
          }
        });
        futures.add(future);
        if (futures.size() >= 64) {
          futures.remove(0).join();
        }
      }
      futures.forEach(CompletableFuture::join);
      assertThat(writer.entryCount()).isEqualTo(1 + appends);
    }
    assertThat(problems).isEmpty();
    int forces = channel.get().forces();
    assertThat(forces).as("forces shared by the appends in flight").isLessThan(appends / 4);
    assertThat(channel.get().durableSize()).isEqualTo(
        dir.resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl").toFile().length());
  }

  @Test
  void closingWaitsForTheAppendsInFlight() {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    JsonlSegmentWriter writer = open(Durability.GROUP_COMMIT);
    for (int i = 0; i < 200; i++) {
      futures.add(writer.appendAsync(List.of(new LogEntry.TurnEnd(i, i))));
    }
    writer.close();
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(futures.get(199).join()).isEqualTo(201);
  }

  @Test
  void aFailedForceFailsTheAppendsItCoveredAndLaterAppendsSayTheWriterIsUnusable() {
    try (JsonlSegmentWriter writer = open(Durability.GROUP_COMMIT)) {
      writer.append(List.of(new LogEntry.TurnEnd(1, 1)));
      channel.get().failForce(1);
      CompletableFuture<Long> failed = writer.appendAsync(List.of(new LogEntry.TurnEnd(2, 2)));
      assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(SegmentIoException.class);
      assertThatThrownBy(() -> writer.append(List.of(new LogEntry.TurnEnd(3, 3))))
          .isInstanceOf(SegmentWriterUnusableException.class)
          .hasMessageContaining("close it and open a new writer");
      assertThatThrownBy(() -> writer.appendAsync(List.of(new LogEntry.TurnEnd(3, 3))).join())
          .hasCauseInstanceOf(SegmentWriterUnusableException.class);
    }
  }

  @Test
  void afterAFailedFsyncEveryFurtherAppendThrowsTheTypedUnusableError() {
    for (Durability durability : List.of(Durability.FSYNC_EACH, Durability.GROUP_COMMIT)) {
      dir.resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl").toFile().delete();
      try (SegmentWriter writer = open(durability)) {
        channel.get().failForce(1);
        assertThatThrownBy(() -> writer.append(List.of(new LogEntry.TurnEnd(1, 1))))
            .as(durability.toString()).isInstanceOf(SegmentIoException.class);
        for (int i = 0; i < 2; i++) {
          assertThatThrownBy(() -> writer.append(List.of(new LogEntry.TurnEnd(2, 2))))
              .as(durability.toString())
              .isInstanceOf(SegmentWriterUnusableException.class)
              .hasCauseInstanceOf(java.io.IOException.class);
          assertThatThrownBy(() -> writer.append(1, List.of(new LogEntry.TurnEnd(2, 2))))
              .isInstanceOf(SegmentWriterUnusableException.class);
        }
      }
    }
  }

  @Test
  void theStagedLinesOfABatchGoToTheFileInOneWrite() {
    int appends = 640;
    try (JsonlSegmentWriter writer = open(Durability.GROUP_COMMIT, LONG_DELAY)) {
      int writesBefore = channel.get().writes();
      ArrayDeque<CompletableFuture<Long>> window = new ArrayDeque<>();
      for (int i = 0; i < appends; i++) {
        window.add(writer.appendAsync(List.of(new LogEntry.TurnEnd(i, i))));
        if (window.size() == 64) {
          window.poll().join();
        }
      }
      window.forEach(CompletableFuture::join);
      int writes = channel.get().writes() - writesBefore;
      // A batch closes at 64 staged appends (or when the caller waits): about appends / 64.
      assertThat(writes).as("positional writes for " + appends + " appends").isPositive()
          .isLessThanOrEqualTo(appends / 32);
      assertThat(channel.get().forces()).isLessThanOrEqualTo(appends / 32);
    }
    assertThat(entries()).hasSize(1 + appends).element(appends)
        .isEqualTo(new LogEntry.TurnEnd(appends - 1, appends - 1));
  }

  @Test
  void aThreadBlockingOnTheFutureStartsTheForceAtOnce() {
    try (JsonlSegmentWriter writer = open(Durability.GROUP_COMMIT, LONG_DELAY)) {
      CompletableFuture<Long> future = writer.appendAsync(List.of(new LogEntry.TurnEnd(1, 1)));
      // Without the hint the batch would wait for its quiet slice, LONG_DELAY / 8.
      Long count = assertTimeoutPreemptively(LONG_DELAY.dividedBy(16), () -> future.join());
      assertThat(count).isEqualTo(2);
      assertThat(channel.get().forces()).isEqualTo(1);
      assertThat(channel.get().durableSize()).isEqualTo(writer.file().committedLength());
    }
  }

  @Test
  void aFailedWriteOfStagedLinesFailsExactlyThoseAppendsAndTheWriterGoesOn() {
    try (JsonlSegmentWriter writer = open(Durability.GROUP_COMMIT, LONG_DELAY)) {
      writer.append(List.of(new LogEntry.TurnEnd(1, 1)));
      long length = writer.file().committedLength();
      channel.get().failWrite(1, 10); // the staged batch: 10 bytes, then the disk fails
      List<CompletableFuture<Long>> staged = new ArrayList<>();
      for (int i = 2; i <= 4; i++) {
        staged.add(writer.appendAsync(List.of(new LogEntry.TurnEnd(i, i))));
      }
      assertThat(writer.entryCount()).isEqualTo(5);
      for (CompletableFuture<Long> future : staged) {
        assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(SegmentIoException.class);
      }
      assertThat(writer.entryCount()).as("back to what the file holds").isEqualTo(2);
      assertThat(writer.file().committedLength()).isEqualTo(length);
      assertThat(writer.append(List.of(new LogEntry.TurnEnd(5, 5)))).isEqualTo(3);
      assertThat(writer.appendAsync(List.of(new LogEntry.TurnEnd(6, 6))).join()).isEqualTo(4);
    }
    assertThat(entries()).containsExactly(LogEntryFixtures.start(SESSION),
        new LogEntry.TurnEnd(1, 1), new LogEntry.TurnEnd(5, 5), new LogEntry.TurnEnd(6, 6));
  }

  @Test
  void aSynchronousAppendWritesAfterTheStagedOnesAndItsForceCompletesThem() {
    try (JsonlSegmentWriter writer = open(Durability.GROUP_COMMIT, LONG_DELAY)) {
      CompletableFuture<Long> first = writer.appendAsync(List.of(new LogEntry.TurnEnd(1, 1)));
      CompletableFuture<Long> second = writer.appendAsync(List.of(new LogEntry.TurnEnd(2, 2)));
      assertThat(writer.append(List.of(new LogEntry.TurnEnd(3, 3)))).isEqualTo(4);
      // The synchronous append's force covered the staged lines written before it: no hint
      // (join) and no timer is needed for their futures, which complete with their own counts.
      CompletableFuture<Long> both = first.thenCombine(second, (a, b) -> a * 10 + b);
      assertThat(assertTimeoutPreemptively(LONG_DELAY.dividedBy(16), () -> both.get()))
          .isEqualTo(23);
      assertThat(channel.get().forces()).isEqualTo(1);
    }
    assertThat(entries()).containsExactly(LogEntryFixtures.start(SESSION),
        new LogEntry.TurnEnd(1, 1), new LogEntry.TurnEnd(2, 2), new LogEntry.TurnEnd(3, 3));
  }

  @Test
  void theStoreCountsTheForcesOfAppends() {
    for (Durability durability : Durability.values()) {
      JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve(durability.name()),
          durability);
      store.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
      try (SegmentWriter writer = store.openWriter(SESSION, SEGMENT)) {
        for (int i = 0; i < 3; i++) {
          writer.append(List.of(new LogEntry.TurnEnd(i, i)));
        }
      }
      assertThat(store.appendForces()).as(durability.name())
          .isEqualTo(durability == Durability.NONE ? 0 : 3);
    }
  }

  private List<LogEntry> entries() {
    try (var stream = JsonlSegmentStore.open(dir, Durability.NONE).read(SESSION, SEGMENT)) {
      return stream.toList();
    }
  }

  @Test
  void withoutGroupCommitAnAsyncAppendIsDoneWhenItReturns() {
    try (JsonlSegmentWriter writer = open(Durability.FSYNC_EACH)) {
      CompletableFuture<Long> future = writer.appendAsync(List.of(new LogEntry.TurnEnd(1, 1)));
      assertThat(future).isCompletedWithValue(2L);
      assertThat(channel.get().forces()).isEqualTo(1);
    }
  }
}
