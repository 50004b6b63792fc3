package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.InvalidSegmentStructureException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.UnsupportedFormatVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the JSONL store does with its files: formats, corruption, torn tails, structure. */
class JsonlSegmentStoreTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = LogEntryFixtures.SEGMENT;

  @TempDir Path dir;
  private JsonlSegmentStore store;
  private Path file;

  @BeforeEach
  void open() {
    store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    file = store.root().resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl");
  }

  private static LogEntry turnEnd(long n) {
    return new LogEntry.TurnEnd(100 + n, n);
  }

  private void createWithTurns(int turns) {
    List<LogEntry> entries = new ArrayList<>();
    entries.add(LogEntryFixtures.start(SESSION));
    for (int i = 1; i <= turns; i++) {
      entries.add(turnEnd(i));
    }
    store.create(SESSION, SEGMENT, entries);
  }

  private List<LogEntry> all() {
    try (Stream<LogEntry> entries = store.read(SESSION, SEGMENT)) {
      return entries.toList();
    }
  }

  private void writeFile(byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private void writeFile(String content) throws IOException {
    writeFile(content.getBytes(StandardCharsets.UTF_8));
  }

  private static String startLine() {
    return EntryCodec.encodeToString(LogEntryFixtures.start(SESSION)) + "\n";
  }

  private static String turnEndLine(long n) {
    return EntryCodec.encodeToString(turnEnd(n)) + "\n";
  }

  @Test
  void aSegmentWrittenTheReferenceWayReplaysAndTakesAppends() throws IOException {
    byte[] reference;
    try (InputStream in = getClass().getResourceAsStream("reference-segment.jsonl")) {
      reference = in.readAllBytes();
    }
    assertThat(new String(reference, StandardCharsets.UTF_8)).doesNotContain("\"v\":");
    writeFile(reference);

    RestoredState state = store.restore(SESSION, SEGMENT);
    assertThat(state.entryCount()).isEqualTo(18);
    assertThat(state.turnCount()).isEqualTo(1);
    assertThat(state.systemPrompt()).contains("You are helpful.");
    assertThat(store.listSessions()).containsExactly(SESSION);
    assertThat(store.listSegments(SESSION)).containsExactly(SEGMENT);

    assertThat(store.append(SESSION, SEGMENT, 18, List.of(turnEnd(2)))).isEqualTo(19);
    byte[] after = Files.readAllBytes(file);
    assertThat(new String(after, 0, reference.length, StandardCharsets.UTF_8))
        .isEqualTo(new String(reference, StandardCharsets.UTF_8));
    assertThat(store.restore(SESSION, SEGMENT).turnCount()).isEqualTo(2);
  }

  @Test
  void createdFilesFollowTheDocumentedLayoutAndFormat() throws IOException {
    createWithTurns(1);
    try (SegmentWriter writer = store.openWriter(SESSION, SEGMENT)) {
      writer.append(List.of(turnEnd(2)));
    }

    try (Stream<Path> names = Files.list(file.getParent())) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(SEGMENT + ".jsonl", SEGMENT + ".jsonl.lock");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("{\"kind\":\"segment_start\"").contains("\"v\":1");
    assertThat(lines.get(2)).isEqualTo("{\"kind\":\"turn_end\",\"ts\":102,\"turn_count\":2}");
    assertThat(Files.readString(file)).endsWith("\n");
  }

  @Test
  void aCorruptCommittedLineIsReportedWithFileLineAndOffsetAndNothingChanges() throws IOException {
    String bad = "{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":\"three\"}\n";
    writeFile(startLine() + turnEndLine(1) + bad + turnEndLine(3));
    byte[] before = Files.readAllBytes(file);
    long offset = (startLine() + turnEndLine(1)).getBytes(StandardCharsets.UTF_8).length;

    List<LogEntry> seen = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (Stream<LogEntry> entries = store.read(SESSION, SEGMENT)) {
        entries.forEach(seen::add);
      }
    }).isInstanceOfSatisfying(CorruptSegmentException.class, e -> {
      assertThat(e.lineNumber()).isEqualTo(3);
      assertThat(e.byteOffset()).isEqualTo(offset);
      assertThat(e.location()).contains(file.toString());
      assertThat(e.getMessage()).contains(file.toString(), "line 3", "byte " + offset);
    });
    assertThat(seen).hasSize(2);
    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOf(CorruptSegmentException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void invalidUtf8InACommittedLineIsCorruptionAndNothingChanges() throws IOException {
    byte[] head = (startLine() + "{\"kind\":\"extension\",\"ts\":1,\"domain\":\"d\",\"payload\":\"")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, content, 0, head.length);
    content[head.length] = (byte) 0xE3;
    System.arraycopy(tail, 0, content, head.length + 1, tail.length);
    writeFile(content);
    long lineOffset = startLine().getBytes(StandardCharsets.UTF_8).length;

    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOfSatisfying(CorruptSegmentException.class, e -> {
          assertThat(e.lineNumber()).isEqualTo(2);
          assertThat(e.byteOffset()).isEqualTo(lineOffset);
          assertThat(e.reason()).contains("UTF-8", "byte " + head.length);
          assertThat(e.location()).contains(file.toString());
        });
    assertThat(Files.readAllBytes(file)).isEqualTo(content);
  }

  @Test
  void aTornTailIsIgnoredByReadersAndCutOffWhenAWriterOpens() throws IOException {
    createWithTurns(1);
    String committed = Files.readString(file);
    Files.writeString(file, committed + "{\"kind\":\"turn_end\",\"ts\":1,\"tu");

    assertThat(all()).hasSize(2);
    assertThat(store.entryCount(SESSION, SEGMENT)).isEqualTo(2);
    assertThat(store.restore(SESSION, SEGMENT).turnCount()).isEqualTo(1);
    assertThat(Files.readString(file)).endsWith("\"tu"); // readers never repair

    try (SegmentWriter writer = store.openWriter(SESSION, SEGMENT)) {
      assertThat(Files.readString(file)).isEqualTo(committed);
      assertThat(writer.append(List.of(turnEnd(2)))).isEqualTo(3);
    }
    assertThat(all()).containsExactly(LogEntryFixtures.start(SESSION), turnEnd(1), turnEnd(2));
  }

  @Test
  void aSegmentWithoutItsSegmentStartIsRejectedEverywhereAndKept() throws IOException {
    writeFile(turnEndLine(1) + turnEndLine(2));
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOfSatisfying(InvalidSegmentStructureException.class, e -> {
          assertThat(e.entryNumber()).isEqualTo(1);
          assertThat(e.getMessage()).contains(file.toString(), "line 1", "byte 0", "turn_end");
        });
    assertThatThrownBy(() -> store.openWriter(SESSION, SEGMENT))
        .isInstanceOf(InvalidSegmentStructureException.class);
    assertThatThrownBy(() -> store.append(SESSION, SEGMENT, List.of(turnEnd(3))))
        .isInstanceOf(InvalidSegmentStructureException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    // the failed open released the lock
    assertThatThrownBy(() -> store.truncate(SESSION, SEGMENT, 1))
        .isInstanceOf(InvalidSegmentStructureException.class);
  }

  @Test
  void aSegmentWithNoCommittedLineIsAnErrorNotAnEmptyLog() throws IOException {
    for (String content : new String[] {"", "\n  \n", "{\"kind\":\"segment_st"}) {
      writeFile(content);
      assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
          .as("content %s", content)
          .isInstanceOfSatisfying(InvalidSegmentStructureException.class,
              e -> assertThat(e.getMessage()).contains(file.toString(), "no committed entry"));
      assertThatThrownBy(() -> store.entryCount(SESSION, SEGMENT))
          .isInstanceOf(InvalidSegmentStructureException.class);
      assertThatThrownBy(() -> store.openWriter(SESSION, SEGMENT))
          .isInstanceOf(InvalidSegmentStructureException.class);
      assertThatThrownBy(() -> store.read(SESSION, SEGMENT).toList())
          .isInstanceOf(InvalidSegmentStructureException.class);
    }
  }

  @Test
  void aSecondSegmentStartOrAStartOfAnotherSessionInAFileIsRejected() throws IOException {
    writeFile(startLine() + turnEndLine(1) + startLine());
    List<LogEntry> seen = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (Stream<LogEntry> entries = store.read(SESSION, SEGMENT)) {
        entries.forEach(seen::add);
      }
    }).isInstanceOfSatisfying(InvalidSegmentStructureException.class, e -> {
      assertThat(e.entryNumber()).isEqualTo(3);
      assertThat(e.getMessage()).contains("line 3", "second segment_start");
    });
    assertThat(seen).hasSize(2);

    SessionId other = SessionId.parse("0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f71");
    writeFile(EntryCodec.encodeToString(LogEntryFixtures.start(other)) + "\n");
    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOfSatisfying(InvalidSegmentStructureException.class,
            e -> assertThat(e.getMessage()).contains(other.toString()));
  }

  @Test
  void anUnsupportedFormatVersionIsRejectedNamingTheSupportedOnes() throws IOException {
    writeFile(startLine().replace("\"v\":1", "\"v\":2"));

    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOfSatisfying(UnsupportedFormatVersionException.class, e -> {
          assertThat(e.found()).isEqualTo("2");
          assertThat(e.supported()).containsExactly(1);
        });
  }

  @Test
  void readingIsLazyEntriesBeforeACorruptLineArriveFirst() throws IOException {
    StringBuilder content = new StringBuilder(startLine());
    for (int i = 1; i < 2000; i++) {
      content.append(i == 1500 ? "not json\n" : turnEndLine(i));
    }
    writeFile(content.toString());

    try (Stream<LogEntry> entries = store.read(SESSION, SEGMENT)) {
      assertThat(entries.skip(1).limit(10).toList()).hasSize(10).startsWith(turnEnd(1));
    }
    long[] consumed = new long[1];
    assertThatThrownBy(() -> {
      try (Stream<LogEntry> entries = store.read(SESSION, SEGMENT)) {
        entries.forEach(e -> consumed[0]++);
      }
    }).isInstanceOfSatisfying(CorruptSegmentException.class,
        e -> assertThat(e.lineNumber()).isEqualTo(1501));
    assertThat(consumed[0]).isEqualTo(1500);
  }

  @Test
  void resumingSkipsThePrefixWithoutDecodingIt() throws IOException {
    createWithTurns(2);
    RestoredState earlier = store.restore(SESSION, SEGMENT);
    store.append(SESSION, SEGMENT, List.of(turnEnd(3)));
    // Damage the prefix behind the state's back: a resume does not decode it again.
    String content = Files.readString(file);
    Files.writeString(file, content.replace("\"turn_count\":1}", "\"turn_count\":\"x\"}"));

    RestoredState resumed = store.restore(SESSION, SEGMENT, earlier);

    assertThat(resumed.turnCount()).isEqualTo(3);
    assertThat(resumed.entryCount()).isEqualTo(4);
    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOf(CorruptSegmentException.class);
  }
}
