package io.github.agentledger.segment.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.JsonlLineCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore and read stream through a cursor: a JVM whose heap is a third of a segment's size
 * restores it (its state stays small: configuration changes and entries of a newer kind, which
 * replay as no-ops) and streams it whole.
 */
class MemoryBoundTest {
  private static final int SCALE = Integer.getInteger("agentledger.stress.scale", 1);
  private static final long MIB = 1024 * 1024;
  private static final long SEGMENT_BYTES = 48 * MIB * SCALE;

  @TempDir Path dir;

  @Test
  void aSmallHeapRestoresAndStreamsASegmentSeveralTimesItsSize() {
    String schema = TestPostgres.newSchema();
    SessionId session = IdGenerator.system().newSessionId();
    SegmentId segment = IdGenerator.system().newSegmentId();
    long entries = 1;
    long turn = 0;
    try (PostgresSegmentStore store = PostgresSegmentStore.builder(
        TestPostgres.shared().dataSource()).schema(schema).open()) {
      store.create(session, segment, List.of(PgEntries.start(session)));
      String bulk = "0123456789abcdef".repeat(4096); // 64 KiB
      long bytes = 0;
      List<LogEntry> batch = new ArrayList<>();
      while (bytes <= SEGMENT_BYTES) {
        turn++;
        String big = turn + bulk;
        batch.addAll(List.of(
            new LogEntry.Invoke(turn, InvokeTrigger.USER_SEND),
            new LogEntry.ConfigChanged(turn, new RequestConfig.Custom(
                JsonText.of("{\"framework\":{\"blob\":\"" + big + "\"}}"))),
            new LogEntry.Unknown("newer_kind", turn,
                "{\"kind\":\"newer_kind\",\"ts\":" + turn + ",\"data\":\"" + big + "\"}"),
            new LogEntry.TurnEnd(turn, turn)));
        if (batch.size() >= 64) {
          for (LogEntry entry : batch) {
            bytes += JsonlLineCodec.encode(entry).length + 1;
          }
          entries = store.append(session, segment, batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        entries = store.append(session, segment, batch);
      }
    }

    try (ChildJvm child = ChildJvm.start(RestoreChildMain.class, dir.resolve("child.err"),
        List.of("-Xmx16m"), TestPostgres.shared().jdbcUrl(), schema, session.toString(),
        segment.toString())) {
      assertThat(child.expectLine()).as(child.stderr())
          .isEqualTo("RESTORED " + entries + " " + turn);
      assertThat(child.expectLine()).isEqualTo("READ " + entries);
      long maxHeap = Long.parseLong(child.expectLine().substring("MAXHEAP ".length()));
      assertThat(maxHeap * 3).isLessThan(SEGMENT_BYTES);
      assertThat(child.waitFor()).isZero();
    }
  }
}
