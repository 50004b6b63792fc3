package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLimitExceededException;
import io.github.agentledger.segment.SegmentLimitExceededException.Limit;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, items 8 and 10: a torn tail is never buffered, and lines are held to the store's
 * length, depth and value limits while they are read, with a typed error naming line and offset.
 */
class ReadLimitsTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = SegmentId.parse("0197a000-0000-7000-8000-0000000000a1");
  private static final long MIB = 1024 * 1024;

  @TempDir Path dir;

  private Path createSegment(JsonlSegmentStore store) {
    store.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    return dir.resolve("store").resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl");
  }

  private static void appendRaw(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
  }

  /** Grows the file by {@code bytes} of zeros (sparse, so instant): a tail without a newline. */
  private static void addTornTail(Path file, long bytes) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length());
      raf.write('{');
      raf.setLength(raf.length() + bytes);
    }
  }

  @Test
  void aTornTailLongerThanTwoGibibytesIsNeverBufferedAndTheCommittedLinesRead()
      throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    Path file = createSegment(store);
    store.append(SESSION, SEGMENT, List.of(new LogEntry.TurnEnd(5, 1)));
    addTornTail(file, 2100 * MIB); // the doubling buffer overflowed past 1 GiB

    assertThat(store.restore(SESSION, SEGMENT).entryCount()).isEqualTo(2);
    assertThat(store.entryCount(SESSION, SEGMENT)).isEqualTo(2);
    try (var entries = store.read(SESSION, SEGMENT)) {
      assertThat(entries.count()).isEqualTo(2);
    }
  }

  @Test
  void aSmallHeapReadsASegmentWithATailSeveralTimesItsSize() throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    Path file = createSegment(store);
    store.append(SESSION, SEGMENT, List.of(new LogEntry.TurnEnd(5, 1)));
    addTornTail(file, 300 * MIB);
    try (ChildJvm child = ChildJvm.start(LimitsChildMain.class, dir.resolve("child.err"),
        List.of("-Xmx48m", "-XX:+UseSerialGC"), "restore", dir.resolve("store").toString(),
        SESSION.toString(), SEGMENT.toString())) {
      assertThat(child.expectLine()).as(child.stderr()).isEqualTo("OK 2");
      assertThat(child.waitFor()).isZero();
    }
    // The tail is still there: readers never repair.
    assertThat(Files.size(file)).isGreaterThan(300 * MIB);
  }

  @Test
  void aLineLongerThanTheLimitIsRefusedWithItsNumberOffsetAndLengthBeforeItIsBuffered()
      throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.builder(dir.resolve("store"), Durability.NONE)
        .maxLineBytes(4096).open();
    Path file = createSegment(store);
    long offset = Files.size(file);
    appendRaw(file, "{\"kind\":\"newer\",\"ts\":1,\"blob\":\"" + "x".repeat(10_000) + "\"}\n");

    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOfSatisfying(SegmentLimitExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo(Limit.LINE_BYTES);
          assertThat(e.lineNumber()).hasValue(2);
          assertThat(e.byteOffset()).hasValue(offset);
          assertThat(e.maximum()).isEqualTo(4096);
          assertThat(e.actual()).isEqualTo(10_033);
          assertThat(e.getMessage()).contains(file.toString()).contains("line 2");
        });
    assertThatThrownBy(() -> store.entryCount(SESSION, SEGMENT))
        .isInstanceOf(SegmentLimitExceededException.class);
    assertThatThrownBy(() -> store.openWriter(SESSION, SEGMENT).close())
        .isInstanceOf(SegmentLimitExceededException.class);
  }

  @Test
  void aWriterRefusesAnEntryLongerThanTheLimitAndWritesNothing() throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.builder(dir.resolve("store"), Durability.NONE)
        .maxLineBytes(4096).open();
    Path file = createSegment(store);
    long size = Files.size(file);
    LogEntry big = new LogEntry.ToolResult(1, new HistoryItem.ToolResult(
        "c", "ok", Optional.of("y".repeat(5000)), List.of(), false));
    try (SegmentWriter writer = store.openWriter(SESSION, SEGMENT)) {
      assertThatThrownBy(() -> writer.append(List.of(new LogEntry.TurnEnd(1, 1), big)))
          .isInstanceOfSatisfying(SegmentLimitExceededException.class, e -> {
            assertThat(e.limit()).isEqualTo(Limit.LINE_BYTES);
            assertThat(e.lineNumber()).isEmpty();
          });
      assertThat(writer.entryCount()).isEqualTo(1);
    }
    assertThat(Files.size(file)).isEqualTo(size);
    SegmentId other = SegmentId.parse("0197a000-0000-7000-8000-0000000000a2");
    LogEntry.SegmentStart hugeStart = LogEntry.SegmentStart.fresh(1, SESSION,
        Optional.of("p".repeat(5000)), RequestConfig.defaults(), List.of());
    assertThatThrownBy(() -> store.create(SESSION, other, List.of(hugeStart)))
        .isInstanceOf(SegmentLimitExceededException.class);
    assertThat(store.exists(SESSION, other)).isFalse();
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedWhileParsingInEveryReadPath() throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.builder(dir.resolve("store"), Durability.NONE)
        .maxNestingDepth(16).open();
    String deep = "[".repeat(40) + "]".repeat(40);
    // A known kind with deep opaque JSON, and an unknown kind: the same limit, the same error.
    SegmentId configured = SegmentId.parse("0197a000-0000-7000-8000-0000000000a3");
    store.create(SESSION, configured, List.of(LogEntryFixtures.start(SESSION)));
    Path file = dir.resolve("store").resolve(SESSION.toString()).resolve(configured + ".jsonl");
    appendRaw(file, "{\"kind\":\"config_changed\",\"ts\":1,\"config\":{\"x\":" + deep + "}}\n");
    assertThatThrownBy(() -> store.restore(SESSION, configured))
        .isInstanceOfSatisfying(SegmentLimitExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo(Limit.NESTING_DEPTH);
          assertThat(e.lineNumber()).hasValue(2);
        });

    Path unknown = createSegment(store);
    appendRaw(unknown, "{\"kind\":\"newer\",\"ts\":1,\"x\":" + deep + "}\n");
    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOfSatisfying(SegmentLimitExceededException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.NESTING_DEPTH));

    // The first line's history is skipped, not parsed, when only the origin is asked for.
    SegmentId deepStart = SegmentId.parse("0197a000-0000-7000-8000-0000000000a4");
    Path startFile = dir.resolve("store").resolve(SESSION.toString()).resolve(deepStart + ".jsonl");
    Files.writeString(startFile, "{\"kind\":\"segment_start\",\"ts\":1,\"session_id\":\"" + SESSION
        + "\",\"system_prompt\":null,\"config\":{\"max_tokens\":null,\"temperature\":null,"
        + "\"top_p\":null,\"top_k\":null,\"stop_sequences\":[],\"reasoning\":null},"
        + "\"history\":" + deep + "}\n");
    assertThatThrownBy(() -> store.derivation(SESSION, deepStart))
        .isInstanceOfSatisfying(SegmentLimitExceededException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.NESTING_DEPTH));
  }

  @Test
  void theDefaultDepthReadsWhatTheApiAcceptsAndRefusesDeeperWithTheTypedError()
      throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    Path file = createSegment(store);
    String deep = "[".repeat(100) + "]".repeat(100);
    appendRaw(file, "{\"kind\":\"newer\",\"ts\":1,\"x\":" + deep + "}\n");
    assertThat(store.restore(SESSION, SEGMENT).entryCount()).isEqualTo(2);
    String deeper = "[".repeat(5000) + "]".repeat(5000);
    appendRaw(file, "{\"kind\":\"newer\",\"ts\":1,\"x\":" + deeper + "}\n");
    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOfSatisfying(SegmentLimitExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo(Limit.NESTING_DEPTH);
          assertThat(e.maximum()).isEqualTo(128);
          assertThat(e.lineNumber()).hasValue(3);
        });
  }

  @Test
  void aFiftyMegabyteLineOfTwentySixMillionValuesIsRefusedFastInASmallHeap()
      throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    Path file = createSegment(store);
    try (var out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
      out.write("{\"kind\":\"newer\",\"ts\":1,\"a\":[1".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = ",1".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 26_000_000 / (1 << 16); i++) {
        out.write(chunk);
      }
      out.write("]}\n".getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(Files.size(file)).isGreaterThan(50_000_000L);
    // Default limits: refused by the value count, its tree never past ~2 Mi values.
    try (ChildJvm child = ChildJvm.start(LimitsChildMain.class, dir.resolve("child.err"),
        List.of("-Xmx320m", "-XX:+UseSerialGC"), "restore", dir.resolve("store").toString(),
        SESSION.toString(), SEGMENT.toString())) {
      String line = child.expectLine();
      assertThat(line).as(child.stderr()).startsWith("LIMIT JSON_VALUES line 2 ");
      assertThat(Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)))
          .as("milliseconds").isLessThan(20_000);
      assertThat(child.waitFor()).isZero();
    }
    // A store limiting lines to 16 MiB refuses it by its length, never buffering it.
    try (ChildJvm child = ChildJvm.start(LimitsChildMain.class, dir.resolve("child2.err"),
        List.of("-Xmx32m", "-XX:+UseSerialGC"), "restore-16mib", dir.resolve("store").toString(),
        SESSION.toString(), SEGMENT.toString())) {
      String line = child.expectLine();
      assertThat(line).as(child.stderr()).startsWith("LIMIT LINE_BYTES line 2 ");
      assertThat(child.waitFor()).isZero();
    }
  }
}
