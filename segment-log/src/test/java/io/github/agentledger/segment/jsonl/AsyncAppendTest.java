package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
@Timeout(60)
class AsyncAppendTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = SegmentId.parse("0197a000-0000-7000-8000-0000000000d1");

  @TempDir Path dir;

  private final AtomicReference<FaultyChannel> channel = new AtomicReference<>();

  private JsonlSegmentWriter open(Durability durability) {
    JsonlSegmentStore.open(dir, Durability.NONE)
        .create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    WriterOptions options = WriterOptions.of(durability)
        .withGroupCommit(64, Duration.ofMillis(2))
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
  void withoutGroupCommitAnAsyncAppendIsDoneWhenItReturns() {
    try (JsonlSegmentWriter writer = open(Durability.FSYNC_EACH)) {
      CompletableFuture<Long> future = writer.appendAsync(List.of(new LogEntry.TurnEnd(1, 1)));
      assertThat(future).isCompletedWithValue(2L);
      assertThat(channel.get().forces()).isEqualTo(1);
    }
  }
}
