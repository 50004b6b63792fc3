package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvalidIdException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names on disk: what listings accept, what ids can name, and one writer shared by threads. */
class JsonlStoreLayoutTest {
  @TempDir Path dir;

  private final IdGenerator ids = IdGenerator.create(
      Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC), new SplittableRandom(1));

  @Test
  void listingsIgnoreEverythingThatIsNotASessionDirectoryOrSegmentFile() throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    Path root = store.root();
    SessionId session = ids.newSessionId();
    SegmentId segment = ids.newSegmentId();
    store.create(session, segment, List.of(LogEntryFixtures.start(session)));
    store.append(session, segment, List.of(new LogEntry.TurnEnd(1, 1)));
    SessionId emptySession = ids.newSessionId();
    String v4 = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";
    String v7 = ids.newSegmentId().toString();

    Files.createDirectories(root.resolve("..."));
    Files.createDirectories(root.resolve("not-a-uuid"));
    Files.createDirectories(root.resolve(v4));
    Files.createDirectories(root.resolve(v7.toUpperCase()));
    Files.createDirectories(root.resolve(emptySession.toString()));
    Files.writeString(root.resolve(emptySession.toString()).resolve("junk.jsonl"), "{}\n");
    Files.writeString(root.resolve(v7), "a file, not a session directory\n");
    Files.createSymbolicLink(root.resolve(ids.newSessionId().toString()),
        root.resolve(session.toString()));
    Path sessionDir = root.resolve(session.toString());
    Files.writeString(sessionDir.resolve(v4 + ".jsonl"), "{}\n");
    Files.writeString(sessionDir.resolve(v7 + ".trace.jsonl"), "{}\n");
    Files.writeString(sessionDir.resolve("." + v7 + ".jsonl.123.tmp"), "{}\n");
    Files.writeString(sessionDir.resolve(v7 + ".jsonl.lock"), "");
    Files.writeString(sessionDir.resolve(v7.toUpperCase() + ".jsonl"), "{}\n");
    Files.createDirectories(sessionDir.resolve(ids.newSegmentId() + ".jsonl"));
    Files.createSymbolicLink(sessionDir.resolve(ids.newSegmentId() + ".jsonl"),
        sessionDir.resolve(segment + ".jsonl"));

    assertThat(store.listSessions()).containsExactly(session);
    assertThat(store.listSegments(session)).containsExactly(segment);
    assertThat(store.listSegments(emptySession)).isEmpty();
    assertThat(store.entryCount(session, segment)).isEqualTo(2);
  }

  @Test
  void noIdCanNameAPathOutsideTheStore() {
    for (String hostile : List.of("..", "../x", "/etc", "a/b",
        "0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f7/", "..\\0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70", "")) {
      assertThatThrownBy(() -> SessionId.parse(hostile)).isInstanceOf(InvalidIdException.class);
      assertThatThrownBy(() -> SegmentId.parse(hostile)).isInstanceOf(InvalidIdException.class);
    }
  }

  @Test
  void threadsAppendingThroughOneWriterLoseNothingInEveryMode() throws Exception {
    for (Durability durability : Durability.values()) {
      JsonlSegmentStore store =
          JsonlSegmentStore.builder(dir.resolve(durability.name()), durability)
              .groupCommitMaxBatch(4)
              .open();
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      store.create(session, segment, List.of(LogEntryFixtures.start(session)));
      int threads = 4;
      int perThread = 25;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      try (SegmentWriter writer = store.openWriter(session, segment)) {
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          tasks.add(pool.submit(() -> {
            go.await();
            for (int i = 0; i < perThread; i++) {
              writer.append(List.of(new LogEntry.TurnEnd(thread, thread * 1000L + i)));
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> task : tasks) {
          task.get(60, TimeUnit.SECONDS);
        }
        assertThat(writer.entryCount()).isEqualTo(1 + threads * perThread);
      } finally {
        pool.shutdownNow();
      }
      Set<Long> seen = new HashSet<>();
      try (Stream<LogEntry> entries = store.read(session, segment)) {
        entries.skip(1).forEach(e -> seen.add(((LogEntry.TurnEnd) e).turnCount()));
      }
      assertThat(seen).as("%s", durability).hasSize(threads * perThread);
    }
  }

  @Test
  void builderRejectsBadGroupCommitBoundsNamingThem() {
    JsonlSegmentStore.Builder builder =
        JsonlSegmentStore.builder(dir, Durability.GROUP_COMMIT);
    assertThatThrownBy(() -> builder.groupCommitMaxBatch(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groupCommitMaxBatch", "0");
    assertThatThrownBy(() -> builder.groupCommitMaxDelay(java.time.Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groupCommitMaxDelay");
    assertThat(builder.open().durability()).isEqualTo(Durability.GROUP_COMMIT);
  }
}
