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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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

/**
 * Appends of one entry (about 1 KB, a realistic mix of kinds, {@link BenchmarkEntries}) through
 * {@link JsonlSegmentStore} writers, each next to its baseline, which gson-serialises the same
 * data as plain objects and writes it with a bare {@link FileChannel}: no locking, counting,
 * rollback, repair or typed encoding.
 *
 * <ul>
 *   <li>{@code storeAppendNone} vs {@code baselineGsonWrite}: durability NONE, one write per line;
 *   <li>{@code storeAppendFsyncEach} vs {@code baselineGsonWriteForceEach}: one force per line;
 *   <li>{@code storeAppendGroupCommit8Threads} vs {@code
 *       baselineGsonWriteForceEvery100Lines8Threads}: 8 threads through one writer, each append
 *       returning once its line is durable, against 8 threads writing one channel with a force
 *       every 100th line (cheaper, and without the guarantee that a line is forced before its
 *       writer moves on).
 * </ul>
 *
 * <p>Both sides write the same data in nearly the same bytes: over the 4096 entries the store's
 * lines total 4 018 768 bytes and the baseline's 4 024 683 (field order differs, and the plain
 * mirror writes an empty reasoning summary that the codec omits). Every iteration starts on fresh
 * files, deleted afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class SegmentAppendBenchmark {
  private static final int DISTINCT_ENTRIES = 4096;

  private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong linesWritten = new AtomicLong();
  private final IdGenerator ids = IdGenerator.create(Clock.systemUTC(), new SplittableRandom(3));
  private List<BenchmarkEntries.Sample> samples;
  private Path dir;
  private SegmentWriter noneWriter;
  private SegmentWriter fsyncEachWriter;
  private SegmentWriter groupCommitWriter;
  private FileChannel channel;

  /** Generates the entries. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    samples = BenchmarkEntries.generate(DISTINCT_ENTRIES, 11);
    dir = Files.createTempDirectory("agentledger-append");
  }

  /** Creates a segment in a store of each durability, opens their writers and the raw file. */
  @Setup(Level.Iteration)
  public void openFiles() throws IOException {
    noneWriter = openWriter(Durability.NONE);
    fsyncEachWriter = openWriter(Durability.FSYNC_EACH);
    groupCommitWriter = openWriter(Durability.GROUP_COMMIT);
    channel = FileChannel.open(dir.resolve("baseline.jsonl"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private SegmentWriter openWriter(Durability durability) {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir.resolve(durability.name()), durability);
    SessionId session = ids.newSessionId();
    SegmentId segment = ids.newSegmentId();
    LogEntry start = LogEntry.SegmentStart.fresh(
        1, session, Optional.of("bench"), RequestConfig.defaults(), List.of());
    store.create(session, segment, List.of(start));
    return store.openWriter(session, segment);
  }

  /** Closes and deletes the iteration's files. */
  @TearDown(Level.Iteration)
  public void closeFiles() throws IOException {
    noneWriter.close();
    fsyncEachWriter.close();
    groupCommitWriter.close();
    channel.close();
    deleteContents(dir);
  }

  /** Removes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    deleteContents(dir);
    Files.deleteIfExists(dir);
  }

  private static void deleteContents(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(dir)) {
          Files.delete(path);
        }
      }
    }
  }

  private BenchmarkEntries.Sample nextSample() {
    return samples.get((int) (next.getAndIncrement() % DISTINCT_ENTRIES));
  }

  private int writePlain(BenchmarkEntries.Sample sample) throws IOException {
    byte[] line = (gson.toJson(sample.plain()) + "\n").getBytes(StandardCharsets.UTF_8);
    return channel.write(ByteBuffer.wrap(line));
  }

  /** {@return the entry count} One entry through a NONE store's writer. */
  @Benchmark
  public long storeAppendNone() {
    return noneWriter.append(List.of(nextSample().entry()));
  }

  /** {@return bytes written} The same data as a plain object: gson, one write. */
  @Benchmark
  public int baselineGsonWrite() throws IOException {
    return writePlain(nextSample());
  }

  /** {@return the entry count} One entry through an FSYNC_EACH store's writer. */
  @Benchmark
  public long storeAppendFsyncEach() {
    return fsyncEachWriter.append(List.of(nextSample().entry()));
  }

  /** {@return bytes written} gson, one write, one force. */
  @Benchmark
  public int baselineGsonWriteForceEach() throws IOException {
    int n = writePlain(nextSample());
    channel.force(false);
    return n;
  }

  /** {@return the entry count} Eight threads through one GROUP_COMMIT writer; durable appends. */
  @Benchmark
  @Threads(8)
  public long storeAppendGroupCommit8Threads() {
    return groupCommitWriter.append(List.of(nextSample().entry()));
  }

  /** {@return bytes written} Eight threads, gson, one channel, a force every 100 lines. */
  @Benchmark
  @Threads(8)
  public int baselineGsonWriteForceEvery100Lines8Threads() throws IOException {
    int n = writePlain(nextSample());
    if (linesWritten.incrementAndGet() % 100 == 0) {
      channel.force(false);
    }
    return n;
  }
}
