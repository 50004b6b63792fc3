package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM whose heap is a fraction of the segment restores it and streams another: reading
 * never holds a log whole. The restored segment's bulk is in entries whose replay keeps no copy
 * (framework configs replaced by the next, entry kinds from a newer writer); the streamed one's
 * bulk is in tool results, which a replay would keep in the history (so a state holding them
 * could never fit the heap, whatever the reader does).
 */
class MemoryBoundTest {
  private static final int SCALE = Integer.getInteger("agentledger.stress.scale", 1);
  private static final long MIB = 1024 * 1024;
  private static final long SEGMENT_BYTES = 96 * MIB * SCALE;
  private static final String HEAP = "-Xmx32m";
  private static final SessionId SESSION = LogEntryFixtures.SESSION;

  @TempDir Path dir;

  @Test
  void aSmallHeapRestoresAndStreamsSegmentsSeveralTimesItsSize() throws IOException {
    Path root = dir.resolve("store");
    JsonlSegmentStore store = JsonlSegmentStore.open(root, Durability.NONE);
    SegmentId restored = SegmentId.parse("0197a000-0000-7000-8000-000000000001");
    SegmentId streamed = SegmentId.parse("0197a000-0000-7000-8000-000000000002");
    store.create(SESSION, restored, List.of(LogEntryFixtures.start(SESSION)));
    store.create(SESSION, streamed, List.of(LogEntryFixtures.start(SESSION)));
    long[] restoredCounts = fill(root, restored, true);
    long[] streamedCounts = fill(root, streamed, false);
    assertThat(Files.size(root.resolve(SESSION.toString()).resolve(restored + ".jsonl")))
        .isGreaterThan(SEGMENT_BYTES);

    try (ChildJvm child = ChildJvm.start(RestoreChildMain.class, dir.resolve("child.err"),
        List.of(HEAP, "-XX:+UseSerialGC"), root.toString(), SESSION.toString(),
        restored.toString(), streamed.toString())) {
      assertThat(child.expectLine()).as(child.stderr())
          .isEqualTo("RESTORED " + restoredCounts[0] + " " + restoredCounts[1]);
      assertThat(child.expectLine()).isEqualTo("READ " + streamedCounts[0]);
      long maxHeap = Long.parseLong(child.expectLine().substring("MAXHEAP ".length()));
      assertThat(maxHeap * 3).isLessThan(SEGMENT_BYTES);
      assertThat(child.waitFor()).isZero();
    }
  }

  /**
   * Appends turns until the segment passes {@link #SEGMENT_BYTES}, writing the encoded lines
   * straight to the file (as fast as the disk goes).
   *
   * @return the entry count and turn count the segment then holds
   */
  private static long[] fill(Path root, SegmentId segment, boolean stateStaysSmall)
      throws IOException {
    Path file = root.resolve(SESSION.toString()).resolve(segment + ".jsonl");
    long bytes = Files.size(file);
    long entries = 1;
    long turn = 0;
    String bulk = "0123456789abcdef".repeat(4096); // 64 KiB
    try (OutputStream out = new BufferedOutputStream(
        Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND), 1 << 20)) {
      while (bytes <= SEGMENT_BYTES) {
        turn++;
        String big = turn + bulk;
        List<LogEntry> lines = stateStaysSmall
            ? List.of(
                new LogEntry.Invoke(turn, InvokeTrigger.USER_SEND),
                new LogEntry.ConfigChanged(turn, new RequestConfig.Custom(
                    JsonText.of("{\"framework\":{\"blob\":\"" + big + "\"}}"))),
                new LogEntry.Unknown("newer_kind", turn,
                    "{\"kind\":\"newer_kind\",\"ts\":" + turn + ",\"data\":\"" + big + "\"}"),
                new LogEntry.TurnEnd(turn, turn))
            : List.of(
                new LogEntry.Invoke(turn, InvokeTrigger.USER_SEND),
                new LogEntry.ToolResult(turn, new HistoryItem.ToolResult(
                    "call-" + turn, "ok", Optional.of(big), List.of(), false)),
                new LogEntry.TurnEnd(turn, turn));
        for (LogEntry entry : lines) {
          byte[] line = EntryCodec.encode(entry);
          out.write(line);
          out.write('\n');
          bytes += line.length + 1;
          entries++;
        }
      }
    }
    return new long[] {entries, turn};
  }
}
