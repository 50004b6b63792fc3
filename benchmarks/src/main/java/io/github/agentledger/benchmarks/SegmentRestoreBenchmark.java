package io.github.agentledger.benchmarks;

import com.google.gson.Gson;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Restoring a ~100 MB segment of realistic entries ({@link BenchmarkEntries}, about 1 KB a line,
 * whole turns), written once per trial through {@link JsonlSegmentStore}:
 *
 * <ul>
 *   <li>{@code storeRestore}: {@link JsonlSegmentStore#restore}, the replayed state included (its
 *       history holds every message, reasoning, tool call and result);
 *   <li>{@code storeReadStream}: the store's lazy {@code read()} stream, every entry decoded into
 *       the API's records and consumed, no state built;
 *   <li>{@code baselineBufferedReaderGson}: the same file read with {@link
 *       BufferedReader#readLine()} and {@code gson.fromJson} into plain objects ({@link
 *       BenchmarkEntries.PlainLine}); no UTF-8 strictness, offsets, shape checks or typed errors.
 * </ul>
 *
 * <p>One operation reads the whole file (seconds), so warm-up is counted in operations: the store's
 * decode path reaches its steady speed only after about three (a one-operation smoke run measures
 * the JIT, not the store); hence the long default warm-up.
 *
 * <p><b>A fixed heap.</b> {@code storeRestore} keeps what it restores (the state's history holds
 * every item, hundreds of MB for 100 MB of log) while the baseline keeps nothing. With the JVM's
 * default, adaptive heap, every young collection copies that growing live state, and how often
 * they run depends on how far G1 has grown the heap and its young generation by then: measured
 * (loaded machine, {@code -prof gc}), 7 collections took 5 973 ms of an 18 s restore in the first
 * iteration and 1 136 ms of 8 s in the second, while the baseline spent 3–7 ms in one collection
 * per operation. The ratio swung with the heap's history, not the code's speed. The fork runs
 * with a fixed heap and a fixed young generation, the same for both sides, so each iteration
 * starts from the same heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Xmn1g"})
@Warmup(iterations = 5, time = 10)
@Measurement(iterations = 5, time = 10)
public class SegmentRestoreBenchmark {
  /** Approximate size of the segment in MiB. */
  @Param("100")
  public int megabytes;

  private final Gson gson = new Gson();
  private Path dir;
  private Path file;
  private JsonlSegmentStore store;
  private SessionId session;
  private SegmentId segment;

  /** Writes the segment through the store. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("agentledger-restore");
    store = JsonlSegmentStore.open(dir, Durability.NONE);
    IdGenerator ids = IdGenerator.create(Clock.systemUTC(), new SplittableRandom(5));
    session = ids.newSessionId();
    segment = ids.newSegmentId();
    store.create(session, segment, List.of(LogEntry.SegmentStart.fresh(1, session,
        Optional.of("You are a coding agent."), RequestConfig.defaults(), List.of())));
    file = dir.resolve(session.toString()).resolve(segment + ".jsonl");
    List<LogEntry> entries = new ArrayList<>();
    for (BenchmarkEntries.Sample sample : BenchmarkEntries.generate(18_000, 7)) {
      entries.add(sample.entry());
    }
    long target = (long) megabytes * 1024 * 1024;
    try (SegmentWriter writer = store.openWriter(session, segment)) {
      while (Files.size(file) < target) {
        for (int i = 0; i < entries.size(); i += 900) {
          writer.append(entries.subList(i, Math.min(entries.size(), i + 900)));
        }
      }
    }
  }

  /** Removes the store. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** {@return the entries replayed} The store's restore. */
  @Benchmark
  public long storeRestore() {
    return store.restore(session, segment).entryCount();
  }

  /** {@return the entries read} The store's streamed read, each entry decoded and consumed. */
  @Benchmark
  public long storeReadStream(Blackhole blackhole) {
    long count = 0;
    try (Stream<LogEntry> entries = store.read(session, segment)) {
      for (var it = entries.iterator(); it.hasNext(); count++) {
        blackhole.consume(it.next());
      }
    }
    return count;
  }

  /** {@return the entries parsed} BufferedReader + gson into plain objects, line by line. */
  @Benchmark
  public long baselineBufferedReaderGson(Blackhole blackhole) throws IOException {
    long entries = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        blackhole.consume(gson.fromJson(line, BenchmarkEntries.PlainLine.class));
        entries++;
      }
    }
    return entries;
  }
}
