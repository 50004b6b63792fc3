package io.github.agentledger.benchmarks;

import com.google.gson.Gson;
import com.google.gson.stream.JsonWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Baseline for restoring a segment: a ~100 MB JSONL file (generated at setup from a fixed seed)
 * read with {@link BufferedReader#readLine()} and parsed line by line with
 * {@code gson.fromJson} into plain objects. No UTF-8 strictness, no offsets, no typed errors. The
 * store-side restore of the same file belongs in this class, so both run in the same JMH run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SegmentRestoreBaseline {
  /** Approximate size of the generated segment in MiB. */
  @Param("100")
  public int megabytes;

  private Path dir;
  private Path file;
  private final Gson gson = new Gson();

  /** A line parsed into plain fields, as the baseline's target. */
  static final class PlainEntry {
    String kind;
    long ts;
    String role;
    String text;
    List<String> tags;
  }

  /** Writes the segment file. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("agentledger-restore-baseline");
    file = dir.resolve("segment.jsonl");
    long target = (long) megabytes * 1024 * 1024;
    SplittableRandom random = new SplittableRandom(7);
    String[] words = {"agent", "tool", "call", "résumé", "日本語", "file", "diff", "commit",
        "the", "a", "result", "😀", "error", "json", "stream"};
    long written = 0;
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; written < target; i++) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(10, 400);
        for (int w = 0; w < n; w++) {
          text.append(words[random.nextInt(words.length)]).append(' ');
        }
        StringWriter line = new StringWriter();
        try (JsonWriter json = new JsonWriter(line)) {
          json.beginObject()
              .name("kind").value(i == 0 ? "segment_start" : "assistant_item")
              .name("ts").value(1747700000000L + i)
              .name("role").value(i % 2 == 0 ? "user" : "assistant")
              .name("text").value(text.toString())
              .name("tags").beginArray().value("t" + (i % 7)).value("x").endArray()
              .endObject();
        }
        String encoded = line + "\n";
        out.write(encoded);
        written += encoded.getBytes(StandardCharsets.UTF_8).length;
      }
    }
  }

  /** Removes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  /** {@return the number of entries parsed} BufferedReader + gson, line by line. */
  @Benchmark
  public long bufferedReaderGson(Blackhole blackhole) throws IOException {
    long entries = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        blackhole.consume(gson.fromJson(line, PlainEntry.class));
        entries++;
      }
    }
    return entries;
  }
}
