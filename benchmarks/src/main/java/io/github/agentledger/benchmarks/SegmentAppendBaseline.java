package io.github.agentledger.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Baselines for segment appends: what a bare {@link FileChannel} costs for pre-serialised JSONL
 * lines, with no locking, counting, rollback or repair. The store-side methods that these
 * baselines are compared against belong in this class, so both run in the same JMH run.
 *
 * <ul>
 *   <li>{@code rawChannelAppendNone}: one write per line, never forced (compare: durability NONE);
 *   <li>{@code rawChannelWriteForceEach}: write then {@code force(false)} per line (FSYNC_EACH);
 *   <li>{@code rawChannelForceEvery100Lines8Threads}: 8 threads write into one channel and every
 *       100th line forces (a crude group commit, without its guarantee that each line is forced
 *       before its writer moves on).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SegmentAppendBaseline {
  /** Size of one pre-serialised line, newline included. */
  @Param("512")
  public int lineBytes;

  private Path dir;
  private FileChannel channel;
  private byte[] line;
  private final AtomicLong linesWritten = new AtomicLong();

  /** Creates the directory and the pre-serialised line. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("agentledger-append-baseline");
    String head = "{\"kind\":\"assistant_item\",\"ts\":1747700001000,\"item\":{\"kind\":\"message\","
        + "\"role\":\"assistant\",\"content\":[{\"kind\":\"text\",\"text\":\"";
    String tail = "\"}]}}";
    int textLength = Math.max(1, lineBytes - head.length() - tail.length() - 1);
    line = (head + "a".repeat(textLength) + tail + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Starts every iteration on an empty file. */
  @Setup(Level.Iteration)
  public void openFile() throws IOException {
    Path file = dir.resolve("segment.jsonl");
    Files.deleteIfExists(file);
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  /** Closes the iteration's file. */
  @TearDown(Level.Iteration)
  public void closeFile() throws IOException {
    channel.close();
  }

  /** Removes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(dir.resolve("segment.jsonl"));
    Files.deleteIfExists(dir);
  }

  /** {@return bytes written} One line, one write, no force. */
  @Benchmark
  public int rawChannelAppendNone() throws IOException {
    return channel.write(ByteBuffer.wrap(line));
  }

  /** {@return bytes written} One line, one write, one force. */
  @Benchmark
  public int rawChannelWriteForceEach() throws IOException {
    int n = channel.write(ByteBuffer.wrap(line));
    channel.force(false);
    return n;
  }

  /** {@return bytes written} Eight threads, one channel, a force every 100 lines. */
  @Benchmark
  @Threads(8)
  public int rawChannelForceEvery100Lines8Threads() throws IOException {
    int n = channel.write(ByteBuffer.wrap(line));
    if (linesWritten.incrementAndGet() % 100 == 0) {
      channel.force(false);
    }
    return n;
  }
}
