package io.github.agentledger.segment.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SegmentAlreadyExistsException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TraceRecord;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions move between the JSONL store and the PostgreSQL store, byte for byte. */
class SegmentMigrationTest {
  @TempDir Path dir;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
  private final IdGenerator ids = IdGenerator.create(clock, new SplittableRandom(5));

  private static List<LogEntry> read(SegmentStore store, SessionId session, SegmentId segment) {
    try (Stream<LogEntry> entries = store.read(session, segment)) {
      return entries.toList();
    }
  }

  private static List<TraceRecord> trace(SegmentStore store, SessionId session,
      SegmentId segment) {
    try (Stream<TraceRecord> records = store.readTrace(session, segment)) {
      return records.toList();
    }
  }

  /** Two sessions: every entry kind, a segment longer than a copy batch, a fork, traces. */
  private List<SessionId> fill(JsonlSegmentStore store) {
    SessionId first = ids.newSessionId();
    for (LogEntry.SegmentStart start : LogEntryFixtures.startVariants(first)) {
      SegmentId segment = ids.newSegmentId();
      store.create(first, segment, List.of(start));
      store.append(first, segment, LogEntryFixtures.body());
      store.appendTrace(first, segment, List.of(TraceRecord.of("{\"span\":\"" + segment + "\"}")));
    }
    SessionId second = ids.newSessionId();
    SegmentId longOne = ids.newSegmentId();
    store.create(second, longOne, List.of(PgEntries.start(second)));
    List<LogEntry> many = new ArrayList<>();
    List<TraceRecord> traces = new ArrayList<>();
    for (int n = 1; n <= SegmentMigration.BATCH * 2 + 17; n++) {
      many.add(PgEntries.message("agent", n));
      traces.add(TraceRecord.of("{\"n\":" + n + "}"));
    }
    store.append(second, longOne, many);
    store.appendTrace(second, longOne, traces);
    SegmentLineage.over(store, ids, clock).fork(new SegmentRef(second, longOne),
        ForkTarget.SAME_SESSION);
    return List.of(first, second);
  }

  private static void assertSameBytes(Path expectedRoot, Path actualRoot, List<SessionId> sessions)
      throws IOException {
    for (SessionId session : sessions) {
      List<Path> expected;
      try (Stream<Path> files = Files.list(expectedRoot.resolve(session.toString()))) {
        expected = files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
      }
      assertThat(expected).isNotEmpty();
      for (Path file : expected) {
        Path copy = actualRoot.resolve(session.toString()).resolve(file.getFileName());
        assertThat(Files.mismatch(file, copy)).as(copy.toString()).isEqualTo(-1L);
      }
    }
  }

  @Test
  void jsonlToPostgresAndBackIsByteEqualAndReplaysTheSame() throws IOException {
    JsonlSegmentStore jsonl = JsonlSegmentStore.open(dir.resolve("jsonl"), Durability.NONE);
    List<SessionId> sessions = fill(jsonl);
    try (PostgresSegmentStore postgres = PgFixtures.newStore()) {
      List<CopiedSession> in = SegmentMigration.between(jsonl, postgres).copyAll();

      assertThat(in).extracting(CopiedSession::sessionId).containsExactlyElementsOf(sessions);
      assertThat(postgres.listSessions()).isEqualTo(jsonl.listSessions());
      for (SessionId session : sessions) {
        assertThat(postgres.listSegments(session)).isEqualTo(jsonl.listSegments(session));
        for (SegmentId segment : jsonl.listSegments(session)) {
          assertThat(read(postgres, session, segment)).isEqualTo(read(jsonl, session, segment));
          assertThat(postgres.restore(session, segment))
              .isEqualTo(jsonl.restore(session, segment));
          assertThat(trace(postgres, session, segment)).isEqualTo(trace(jsonl, session, segment));
        }
      }

      JsonlSegmentStore back = JsonlSegmentStore.open(dir.resolve("back"), Durability.NONE);
      List<CopiedSession> out = SegmentMigration.between(postgres, back).copyAll();

      assertThat(out).isEqualTo(in);
      assertSameBytes(dir.resolve("jsonl"), dir.resolve("back"), sessions);
    }
  }

  @Test
  void aSessionAlreadyInTheTargetIsRefusedBeforeAnythingIsCopied() {
    JsonlSegmentStore jsonl = JsonlSegmentStore.open(dir.resolve("jsonl"), Durability.NONE);
    SessionId session = ids.newSessionId();
    SegmentId older = ids.newSegmentId();
    SegmentId newer = ids.newSegmentId();
    jsonl.create(session, older, List.of(PgEntries.start(session)));
    jsonl.create(session, newer, List.of(PgEntries.start(session)));
    try (PostgresSegmentStore postgres = PgFixtures.newStore()) {
      postgres.create(session, newer, List.of(PgEntries.start(session)));

      assertThatThrownBy(() -> SegmentMigration.between(jsonl, postgres).copySession(session))
          .isInstanceOf(SegmentAlreadyExistsException.class);
      assertThat(postgres.listSegments(session)).containsExactly(newer);
    }
  }
}
