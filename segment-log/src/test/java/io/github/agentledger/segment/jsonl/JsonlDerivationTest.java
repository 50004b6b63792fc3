package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.Derivation;
import io.github.agentledger.segment.DerivationKind;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvalidSegmentStructureException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentNotFoundException;
import io.github.agentledger.segment.SegmentOrigin;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TestClock;
import io.github.agentledger.segment.Turns;
import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.github.agentledger.segment.lineage.SegmentSeed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSONL store's cheap origin read ({@link JsonlSegmentStore#derivation}), which skips the
 * history of the first line: it must agree with a full decode and fail the same way on bad input.
 */
class JsonlDerivationTest {
  private static final SessionId SESSION = SessionId.parse("0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70");
  private static final SegmentId SEGMENT = SegmentId.parse("0196e8a0-3333-7000-8000-000000000001");
  private static final String START =
      "{\"kind\":\"segment_start\",\"ts\":1,\"session_id\":\"" + SESSION + "\","
          + "\"system_prompt\":null,\"config\":{\"max_tokens\":null,\"temperature\":null,"
          + "\"top_p\":null,\"top_k\":null,\"stop_sequences\":[],\"reasoning\":null},";

  @TempDir Path dir;

  private Path root;
  private JsonlSegmentStore store;
  private SegmentLineage lineage;

  @BeforeEach
  void setUp() {
    root = dir.resolve("store");
    store = JsonlSegmentStore.open(root, Durability.NONE);
    TestClock clock = new TestClock(Instant.parse("2026-11-21T10:00:00Z"));
    lineage = SegmentLineage.over(store, IdGenerator.create(clock, new SplittableRandom(3)), clock);
  }

  private Path segmentFile() throws IOException {
    Path file = root.resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl");
    Files.createDirectories(file.getParent());
    return file;
  }

  private Optional<Derivation> fullDecode(SessionId session, SegmentId segment) {
    try (Stream<LogEntry> entries = store.read(session, segment)) {
      return Derivation.of((LogEntry.SegmentStart) entries.findFirst().orElseThrow());
    }
  }

  @Test
  void aLateForkReadsTheSameOriginAsAFullDecodeOfItsHistory() {
    SegmentHead head = lineage.create(SegmentSeed.of("p", RequestConfig.defaults()));
    SegmentRef source = head.segment();
    for (long turn = 1; turn <= 20; turn++) {
      store.append(source.sessionId(), source.segmentId(), Turns.withToolCall(turn, turn * 10));
    }
    SegmentHead fork = lineage.forkAt(source, 20, ForkTarget.SAME_SESSION);
    SegmentRef forked = fork.segment();
    assertThat(fork.state().history()).hasSizeGreaterThan(40);

    Optional<Derivation> cheap = store.derivation(forked.sessionId(), forked.segmentId());

    assertThat(cheap)
        .contains(
            new Derivation(
                DerivationKind.FORK,
                new SegmentOrigin(source.sessionId(), source.segmentId(), 20)))
        .isEqualTo(fullDecode(forked.sessionId(), forked.segmentId()));
    assertThat(store.derivation(source.sessionId(), source.segmentId())).isEmpty();
  }

  @Test
  void aSegmentWrittenTheReferencesWayReadsItsOriginInItsOwnSession() throws IOException {
    // No "v", no "turn_base", and an origin without session_id: the reference's own line.
    try (InputStream in = getClass().getResourceAsStream("reference-compacted.jsonl")) {
      Files.write(segmentFile(), in.readAllBytes());
    }

    Optional<Derivation> cheap = store.derivation(SESSION, SEGMENT);

    assertThat(cheap)
        .contains(
            new Derivation(
                DerivationKind.COMPACTION,
                new SegmentOrigin(
                    SESSION, SegmentId.parse("0196e8a0-2222-7000-8000-000000000001"), 7)))
        .isEqualTo(fullDecode(SESSION, SEGMENT));
  }

  @Test
  void aCorruptFirstLineIsReportedWithItsPlaceAndLeftAsItIs() throws IOException {
    String content = START + "\"history\":[{\"kind\":\"message\"},,]}\n";
    Path file = segmentFile();
    Files.writeString(file, content, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> store.derivation(SESSION, SEGMENT))
        .isInstanceOfSatisfying(
            CorruptSegmentException.class,
            e -> {
              assertThat(e.lineNumber()).isEqualTo(1);
              assertThat(e.byteOffset()).isZero();
            });
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(content);
  }

  @Test
  void aFirstLineThatIsNotJsonIsCorruptAndADuplicateFieldToo() throws IOException {
    Path file = segmentFile();
    Files.writeString(file, "not json\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.derivation(SESSION, SEGMENT))
        .isInstanceOf(CorruptSegmentException.class);

    Files.writeString(
        file, START + "\"history\":[],\"history\":[]}\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.derivation(SESSION, SEGMENT))
        .isInstanceOf(CorruptSegmentException.class)
        .hasMessageContaining("duplicate field 'history'");
  }

  @Test
  void aFirstLineOfAnotherKindOrSessionIsRejected() throws IOException {
    Path file = segmentFile();
    Files.writeString(
        file, "{\"kind\":\"invoke\",\"ts\":1,\"trigger\":\"user_send\"}\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.derivation(SESSION, SEGMENT))
        .isInstanceOf(InvalidSegmentStructureException.class)
        .hasMessageContaining("invoke");

    String foreign = "0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f71";
    Files.writeString(
        file,
        START.replace(SESSION.toString(), foreign) + "\"history\":[]}\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.derivation(SESSION, SEGMENT))
        .isInstanceOf(InvalidSegmentStructureException.class)
        .hasMessageContaining(foreign);
  }

  @Test
  void aTornFirstLineIsNoEntryAndAMissingSegmentIsNotFound() throws IOException {
    Path file = segmentFile();
    Files.writeString(file, START + "\"history\":[]}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> store.derivation(SESSION, SEGMENT))
        .isInstanceOf(InvalidSegmentStructureException.class)
        .hasMessageContaining("no committed entry");

    assertThatThrownBy(
            () -> store.derivation(SESSION, SegmentId.parse("0196e8a0-3333-7000-8000-000000000002")))
        .isInstanceOf(SegmentNotFoundException.class);
  }
}
