package io.github.agentledger.segment.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs as the nodes of a cluster, on one database: two appending to one segment lose
 * nothing and never interleave a batch; a node killed (SIGKILL) while holding the writer lease
 * loses nothing it acknowledged, and another node takes the segment over once the lease expires.
 */
class ProcessLeaseTest {
  private static final int CRASH_RUNS = Integer.getInteger("agentledger.stress.crashRuns", 5);
  private static final int SCALE = Integer.getInteger("agentledger.stress.scale", 1);

  @TempDir Path dir;

  private final TestPostgres server = TestPostgres.shared();
  private final IdGenerator ids = IdGenerator.system();

  private static List<LogEntry> read(PostgresSegmentStore store, SessionId session,
      SegmentId segment) {
    try (Stream<LogEntry> entries = store.read(session, segment)) {
      return entries.toList();
    }
  }


  @Test
  void twoJvmsAppendingToOneSegmentLoseNothing() {
    int count = 40 * SCALE;
    String schema = TestPostgres.newSchema();
    try (PostgresSegmentStore store = PostgresSegmentStore.builder(server.dataSource())
        .schema(schema).open()) {
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      store.create(session, segment, List.of(PgEntries.start(session)));
      try (ChildJvm writer = ChildJvm.start(AppendChildMain.class, dir.resolve("w.err"),
              server.jdbcUrl(), schema, session.toString(), segment.toString(), "writer",
              Integer.toString(count), "5000", "writer");
          ChildJvm cas = ChildJvm.start(AppendChildMain.class, dir.resolve("c.err"),
              server.jdbcUrl(), schema, session.toString(), segment.toString(), "cas",
              Integer.toString(count), "5000", "cas")) {
        for (ChildJvm child : List.of(writer, cas)) {
          for (int n = 1; n <= count; n++) {
            assertThat(child.expectLine()).isEqualTo("ACK " + n);
          }
          assertThat(child.waitFor()).as(child.stderr()).isZero();
        }
      }
      List<LogEntry> entries = read(store, session, segment);
      assertThat(entries).hasSize(1 + 2 * count);
      List<LogEntry> expectedWriter = new ArrayList<>();
      List<LogEntry> expectedCas = new ArrayList<>();
      for (int n = 1; n <= count; n++) {
        expectedWriter.add(PgEntries.message("writer", n));
        expectedCas.add(PgEntries.message("cas", n));
      }
      List<LogEntry> byWriter = new ArrayList<>();
      List<LogEntry> byCas = new ArrayList<>();
      for (LogEntry entry : entries.subList(1, entries.size())) {
        (expectedWriter.contains(entry) ? byWriter : byCas).add(entry);
      }
      assertThat(byWriter).isEqualTo(expectedWriter);
      assertThat(byCas).isEqualTo(expectedCas);
    }
  }

  @Test
  void aKilledLeaseHolderIsTakenOverAndNothingAcknowledgedIsLost() {
    String schema = TestPostgres.newSchema();
    long leaseMillis = 3000;
    try (PostgresSegmentStore store = PostgresSegmentStore.builder(server.dataSource())
        .schema(schema).open()) {
      for (int run = 0; run < CRASH_RUNS; run++) {
        SessionId session = ids.newSessionId();
        SegmentId segment = ids.newSegmentId();
        store.create(session, segment, List.of(PgEntries.start(session)));
        int killAfter = 5 + run * 3;
        int acked = 0;
        try (ChildJvm node = ChildJvm.start(AppendChildMain.class, dir.resolve(run + ".err"),
            server.jdbcUrl(), schema, session.toString(), segment.toString(), "node",
            "1000000", Long.toString(leaseMillis), "hold")) {
          while (acked < killAfter) {
            assertThat(node.expectLine()).isEqualTo("ACK " + (acked + 1));
            acked++;
          }
          node.kill();
          // Lines printed before the kill are acknowledged appends too.
          Optional<String> more;
          while ((more = node.readLine()).isPresent()) {
            if (more.get().startsWith("ACK ")) {
              acked = Integer.parseInt(more.get().substring(4));
            }
          }
        }
        // The dead node's lease is still live: nobody may write yet.
        assertThatThrownBy(() -> store.openWriter(session, segment))
            .isInstanceOf(SegmentLockedException.class);

        SegmentWriter takeover = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (takeover == null) {
          try {
            takeover = store.openWriter(session, segment);
          } catch (SegmentLockedException stillLive) {
            assertThat(System.nanoTime()).as("lease never expired").isLessThan(deadline);
            Thread.onSpinWait();
          }
        }
        try (SegmentWriter writer = takeover) {
          List<LogEntry> entries = read(store, session, segment);
          // Every acknowledged append is there, in order; at most the one in flight beyond.
          assertThat(entries.size() - 1).isBetween(acked, acked + 1);
          for (int n = 1; n < entries.size(); n++) {
            assertThat(entries.get(n)).isEqualTo(PgEntries.message("node", n));
          }
          assertThat(writer.entryCount()).isEqualTo(entries.size());
          writer.append(List.of(PgEntries.message("survivor", 1)));
        }
        assertThat(read(store, session, segment)).last()
            .isEqualTo(PgEntries.message("survivor", 1));
      }
    }
  }
}
