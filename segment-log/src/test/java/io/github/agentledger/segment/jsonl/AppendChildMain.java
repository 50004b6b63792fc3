package io.github.agentledger.segment.jsonl;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Child JVM for {@link CrashSafetyTest}: appends lines from several threads and prints
 * {@code "<thread> <index>"} for each acknowledged line, until killed (or a generous cap).
 * Thread 0 appends batches of {@value #BULK_BATCH} large lines (about 1 MB per write), so a kill
 * often lands inside a write and leaves a torn tail; the others append one small line at a time.
 * With a fourth argument {@code async}, every thread appends asynchronously, keeping
 * {@value #WINDOW} appends in flight, and prints an append once its future completed.
 */
final class AppendChildMain {
  static final int MAX_PER_THREAD = 100_000;
  static final int BULK_BATCH = 50;
  static final int WINDOW = 32;

  private AppendChildMain() {}

  /** The one line that thread {@code t} writes as its {@code i}th append. */
  static String line(int t, int i) {
    int pad = t == 0 ? 20_000 + i % 300 : (t * 31 + i * 17) % 300;
    return "{\"t\":" + t + ",\"i\":" + i + ",\"pad\":\"" + "x".repeat(pad) + "\"}";
  }

  public static void main(String[] args) throws Exception {
    Path segment = Path.of(args[0]);
    Durability durability = Durability.valueOf(args[1]);
    int threads = Integer.parseInt(args[2]);
    boolean async = args.length > 3 && args[3].equals("async");
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    SegmentFileWriter writer = SegmentFileWriter.open(segment, WriterOptions.of(durability));
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers[t] = new Thread(() -> {
        int batch = thread == 0 ? BULK_BATCH : 1;
        ArrayDeque<CompletableFuture<Integer>> window = new ArrayDeque<>();
        for (int i = 0; i < MAX_PER_THREAD; i += batch) {
          List<byte[]> lines = new ArrayList<>();
          for (int k = i; k < i + batch; k++) {
            lines.add(line(thread, k).getBytes(StandardCharsets.UTF_8));
          }
          if (async) {
            int first = i;
            window.add(writer.appendAsync(lines, result -> first, failure -> failure));
            if (window.size() == WINDOW) {
              acknowledge(out, thread, window.poll().join(), batch);
            }
          } else {
            writer.append(OptionalLong.empty(), lines);
            acknowledge(out, thread, i, batch);
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

  private static void acknowledge(PrintStream out, int thread, int first, int batch) {
    synchronized (out) {
      for (int k = first; k < first + batch; k++) {
        out.println(thread + " " + k);
      }
      out.flush();
    }
  }
}
