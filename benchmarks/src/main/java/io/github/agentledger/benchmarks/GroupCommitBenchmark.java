package io.github.agentledger.benchmarks;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Durable appends per second with {@link Durability#GROUP_COMMIT}: 1, 8 and 64 threads appending
 * through one writer (each thread has one append in flight), and one thread keeping 64
 * asynchronous appends in flight ({@link SegmentWriter#appendAsync}). Every counted operation is
 * an append whose line was forced before it counted (for the asynchronous one: the window of 64
 * is full, so each new append waits for the oldest to be durable).
 *
 * <p>Baselines, same run, same data as plain gson objects on a bare {@link FileChannel}: one
 * thread forcing after every line (what {@code FSYNC_EACH} costs at the floor) and one thread
 * forcing after every 64th line (the floor of a batch of 64, without tracking which append is
 * durable).
 *
 * <p>Every method also reports {@code fsyncs}, the forces it made per second (JMH auxiliary
 * counter, from {@link JsonlSegmentStore#appendForces()} for the store, counted directly for the
 * baselines), so appends per force is the ratio of the two rates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class GroupCommitBenchmark {
  private static final int DISTINCT_ENTRIES = 4096;
  private static final int IN_FLIGHT = 64;

  private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();
  private final AtomicLong next = new AtomicLong();
  private final IdGenerator ids = IdGenerator.create(Clock.systemUTC(), new SplittableRandom(5));
  private List<BenchmarkEntries.Sample> samples;
  private Path dir;
  private JsonlSegmentStore store;
  private SegmentWriter writer;
  private FileChannel channel;
  private long baselineLines;

  /** One thread's appends in flight. */
  @State(Scope.Thread)
  public static class InFlight {
    final ArrayDeque<CompletableFuture<Long>> futures = new ArrayDeque<>();

    /** Waits for what is still in flight. */
    @TearDown(Level.Iteration)
    public void drain() {
      while (!futures.isEmpty()) {
        futures.poll().join();
      }
    }
  }

  /**
   * Forces per second, reported next to the operations (a counter of type {@code OPERATIONS}, so
   * JMH divides it by the iteration's time): thread 0 copies the iteration's count (the store is
   * new each iteration), the other threads leave theirs at zero (JMH sums them).
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Fsyncs {
    /** Forces made this iteration (as seen by thread 0). */
    public long fsyncs;
    private boolean reporter;

    /**
     * Starts the iteration's count.
     *
     * @param thread which thread this state belongs to
     */
    @Setup(Level.Iteration)
    public void reset(ThreadParams thread) {
      fsyncs = 0;
      reporter = thread.getThreadIndex() == 0;
    }

    void observe(long forces) {
      if (reporter) {
        fsyncs = forces;
      }
    }
  }

  /** Generates the entries. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    samples = BenchmarkEntries.generate(DISTINCT_ENTRIES, 13);
    dir = Files.createTempDirectory("agentledger-group-commit");
  }

  /** Creates a segment, opens its writer and the baseline file. */
  @Setup(Level.Iteration)
  public void openFiles() throws IOException {
    store = JsonlSegmentStore.open(dir.resolve("store"), Durability.GROUP_COMMIT);
    SessionId session = ids.newSessionId();
    SegmentId segment = ids.newSegmentId();
    store.create(session, segment, List.of(LogEntry.SegmentStart.fresh(
        1, session, Optional.of("bench"), RequestConfig.defaults(), List.of())));
    writer = store.openWriter(session, segment);
    channel = FileChannel.open(dir.resolve("baseline.jsonl"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    baselineLines = 0;
  }

  /** Closes (waiting for appends in flight) and deletes the iteration's files. */
  @TearDown(Level.Iteration)
  public void closeFiles() throws IOException {
    writer.close();
    channel.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(dir)) {
          Files.delete(path);
        }
      }
    }
  }

  /** Removes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(dir);
  }

  private LogEntry nextEntry() {
    return samples.get((int) (next.getAndIncrement() % DISTINCT_ENTRIES)).entry();
  }

  private void writePlain() throws IOException {
    BenchmarkEntries.Sample sample = samples.get((int) (next.getAndIncrement() % DISTINCT_ENTRIES));
    byte[] line = (gson.toJson(sample.plain()) + "\n").getBytes(StandardCharsets.UTF_8);
    channel.write(ByteBuffer.wrap(line));
  }

  /** {@return the entry count} One thread, one durable append at a time. */
  @Benchmark
  @Threads(1)
  public long groupCommit1Thread(Fsyncs fsyncs) {
    long count = writer.append(List.of(nextEntry()));
    fsyncs.observe(store.appendForces());
    return count;
  }

  /** {@return the entry count} Eight threads, each with one durable append in flight. */
  @Benchmark
  @Threads(8)
  public long groupCommit8Threads(Fsyncs fsyncs) {
    long count = writer.append(List.of(nextEntry()));
    fsyncs.observe(store.appendForces());
    return count;
  }

  /** {@return the entry count} 64 threads, each with one durable append in flight. */
  @Benchmark
  @Threads(64)
  public long groupCommit64Threads(Fsyncs fsyncs) {
    long count = writer.append(List.of(nextEntry()));
    fsyncs.observe(store.appendForces());
    return count;
  }

  /**
   * {@return the entry count of the oldest append, once durable} One thread keeping 64
   * asynchronous appends in flight: each operation submits one and, with the window full, waits
   * for the oldest.
   */
  @Benchmark
  @Threads(1)
  public long async64InFlight(InFlight inFlight, Fsyncs fsyncs) {
    inFlight.futures.add(writer.appendAsync(List.of(nextEntry())));
    fsyncs.observe(store.appendForces());
    if (inFlight.futures.size() < IN_FLIGHT) {
      return 0;
    }
    return inFlight.futures.poll().join();
  }

  /** {@return lines written} One thread: gson, one write and one force per line. */
  @Benchmark
  @Threads(1)
  public long baselineForceEachLine(Fsyncs fsyncs) throws IOException {
    writePlain();
    channel.force(false);
    fsyncs.observe(++baselineLines);
    return baselineLines;
  }

  /** {@return lines written} One thread: gson, one write per line, one force per 64 lines. */
  @Benchmark
  @Threads(1)
  public long baselineForceEvery64Lines(Fsyncs fsyncs) throws IOException {
    writePlain();
    if (++baselineLines % IN_FLIGHT == 0) {
      channel.force(false);
    }
    fsyncs.observe(baselineLines / IN_FLIGHT);
    return baselineLines;
  }
}
