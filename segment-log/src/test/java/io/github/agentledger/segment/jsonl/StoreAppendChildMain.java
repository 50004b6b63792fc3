package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Child JVM for {@link StoreCrashTest}: appends tool results through one {@link
 * JsonlSegmentStore} writer from several threads and prints {@code "<thread> <index>"} for each
 * acknowledged entry, until killed (or a generous cap). Thread 0 appends batches of {@value
 * #BULK_BATCH} large entries (about 0.5 MB per write), so a kill often lands inside a write; the
 * others append one small entry at a time.
 */
final class StoreAppendChildMain {
  static final int MAX_PER_THREAD = 50_000;
  static final int BULK_BATCH = 25;

  private StoreAppendChildMain() {}

  /** The one entry that thread {@code t} appends as its {@code i}th. */
  static LogEntry entry(int t, int i) {
    int size = t == 0 ? 20_000 + i % 300 : (t * 31 + i * 17) % 300;
    return new LogEntry.ToolResult(1_000_000L * t + i, new HistoryItem.ToolResult(
        t + "-" + i, "result " + i, Optional.of("y".repeat(size)), List.of(), false));
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    SessionId session = SessionId.parse(args[1]);
    SegmentId segment = SegmentId.parse(args[2]);
    Durability durability = Durability.valueOf(args[3]);
    int threads = Integer.parseInt(args[4]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    JsonlSegmentStore store = JsonlSegmentStore.open(root, durability);
    SegmentWriter writer = store.openWriter(session, segment);
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers[t] = new Thread(() -> {
        int batch = thread == 0 ? BULK_BATCH : 1;
        for (int i = 0; i < MAX_PER_THREAD; i += batch) {
          List<LogEntry> entries = new ArrayList<>();
          for (int k = i; k < i + batch; k++) {
            entries.add(entry(thread, k));
          }
          writer.append(entries);
          synchronized (out) {
            for (int k = i; k < i + batch; k++) {
              out.println(thread + " " + k);
            }
            out.flush();
          }
        }
      });
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    writer.close();
  }
}
