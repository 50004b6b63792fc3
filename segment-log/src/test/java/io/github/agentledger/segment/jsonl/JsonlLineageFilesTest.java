package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.ExtensionPayload;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.TestClock;
import io.github.agentledger.segment.TraceRecord;
import io.github.agentledger.segment.Turns;
import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.HeadOutcome;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.github.agentledger.segment.lineage.SegmentSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What lineage, traces and deletion leave on disk in the JSONL store. */
class JsonlLineageFilesTest {
  @TempDir Path dir;

  private Path root;
  private JsonlSegmentStore store;
  private TestClock clock;
  private SegmentLineage lineage;

  @BeforeEach
  void setUp() {
    root = dir.resolve("store");
    store = JsonlSegmentStore.open(root, Durability.NONE);
    clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    lineage = SegmentLineage.over(store, IdGenerator.create(clock, new SplittableRandom(9)), clock);
  }

  private Path file(SegmentRef segment, String suffix) {
    return root.resolve(segment.sessionId().toString()).resolve(segment.segmentId() + suffix);
  }

  private SegmentHead conversation() {
    SegmentHead head =
        lineage.create(
            new SegmentSeed(
                Optional.of("p"),
                RequestConfig.defaults(),
                List.of(),
                List.of(new ExtensionPayload("memory.extract", JsonText.of("{\"n\":1}")))));
    SegmentRef at = head.segment();
    store.append(at.sessionId(), at.segmentId(), 2, Turns.withToolCall(1, 100));
    return new SegmentHead(at, store.restore(at.sessionId(), at.segmentId()));
  }

  @Test
  void aForkIsWrittenAsASegmentStartWithItsOriginThenOneExtensionLinePerDomain()
      throws IOException {
    SegmentHead source = conversation();

    SegmentHead fork = lineage.forkAt(source.segment(), 1, ForkTarget.SAME_SESSION);

    List<String> lines = Files.readAllLines(file(fork.segment(), ".jsonl"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith("{\"kind\":\"segment_start\"")
        .contains("\"forked_from\":{\"session_id\":\"" + source.segment().sessionId()
            + "\",\"segment_id\":\"" + source.segment().segmentId() + "\",\"at_turn_index\":1}")
        .contains("\"turn_base\":1");
    assertThat(lines.get(1)).contains("\"kind\":\"extension\"", "\"domain\":\"memory.extract\"");
    assertThat(lines.get(2)).contains("\"kind\":\"extension\"", "\"domain\":\"metrics\"");
  }

  @Test
  void ensureHeadOrForkLeavesTheTruncatedSourceByteForByte() throws IOException {
    SegmentHead mine = conversation();
    SegmentRef at = mine.segment();
    store.truncate(at.sessionId(), at.segmentId(), 4);
    byte[] before = Files.readAllBytes(file(at, ".jsonl"));

    assertThat(lineage.ensureHeadOrFork(mine).outcome())
        .isEqualTo(HeadOutcome.FORKED_AFTER_TRUNCATE);

    assertThat(Files.readAllBytes(file(at, ".jsonl"))).isEqualTo(before);
  }

  @Test
  void tracesLiveBesideTheSegmentAndATornTraceTailIsNotRead() throws IOException {
    SegmentHead head = conversation();
    SegmentRef at = head.segment();
    store.appendTrace(at.sessionId(), at.segmentId(), List.of(TraceRecord.of("{\"turn\":0}")));
    Path trace = file(at, ".trace.jsonl");
    assertThat(Files.readString(trace)).isEqualTo("{\"turn\":0}\n");
    Files.write(trace, "{\"turn\":1".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

    try (Stream<TraceRecord> records = store.readTrace(at.sessionId(), at.segmentId())) {
      assertThat(records).containsExactly(TraceRecord.of("{\"turn\":0}"));
    }
    store.appendTrace(at.sessionId(), at.segmentId(), List.of(TraceRecord.of("{\"turn\":2}")));
    assertThat(Files.readString(trace)).isEqualTo("{\"turn\":0}\n{\"turn\":2}\n");
    assertThat(store.entryCount(at.sessionId(), at.segmentId())).isEqualTo(11);
  }

  @Test
  void aCorruptTraceLineIsReportedWithItsPlace() throws IOException {
    SegmentRef at = conversation().segment();
    Files.writeString(file(at, ".trace.jsonl"), "{\"turn\":0}\n[1]\n");

    assertThatThrownBy(
            () -> {
              try (Stream<TraceRecord> records = store.readTrace(at.sessionId(), at.segmentId())) {
                records.forEach(r -> { });
              }
            })
        .isInstanceOfSatisfying(
            CorruptSegmentException.class,
            e -> {
              assertThat(e.lineNumber()).isEqualTo(2);
              assertThat(e.byteOffset()).isEqualTo(11);
              assertThat(e.location()).contains(".trace.jsonl");
            });
  }

  @Test
  void deletingASessionRemovesItsDirectoryAndLeavesNothingHidden() throws IOException {
    SegmentHead head = conversation();
    SegmentRef at = head.segment();
    lineage.compact(head, SegmentSeed.of("p", RequestConfig.defaults()));
    store.appendTrace(at.sessionId(), at.segmentId(), List.of(TraceRecord.of("{}")));
    SegmentHead other = lineage.create(SegmentSeed.of("q", RequestConfig.defaults()));

    assertThat(store.deleteSession(at.sessionId())).isTrue();

    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).containsExactly(root.resolve(other.segment().sessionId().toString()));
    }
    assertThat(store.lastModified(at.sessionId())).isEmpty();
    assertThat(store.deleteSession(at.sessionId())).isFalse();
    assertThat(lineage.activeLeaf(other.segment().sessionId())).contains(other.segment());
  }

  @Test
  void aDeletionInterruptedAfterTheRenameIsClearedByTheNextOne() throws IOException {
    SegmentHead head = conversation();
    SegmentRef at = head.segment();
    Path leftover = root.resolve("." + at.sessionId() + ".deleting");
    Files.createDirectories(leftover.resolve("junk"));
    Files.writeString(leftover.resolve("junk").resolve("x.jsonl"), "x");

    assertThat(store.listSessions()).containsExactly(at.sessionId());
    assertThat(store.deleteSession(at.sessionId())).isTrue();

    try (Stream<Path> left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
  }
}
