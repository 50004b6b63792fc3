package io.github.agentledger.benchmarks;

import com.google.gson.JsonParser;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.RunResult;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.UsageRecord;
import io.github.agentledger.segment.UserSegment;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.HeadOutcome;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.github.agentledger.segment.lineage.SegmentSeed;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * Lineage on a big session, by log size ({@code megabytes}: 1, 10, 100): fork at the first and at
 * the last turn, restore of the session's active leaf and ensure-head-or-fork at the head, each
 * against its baseline on the same file in the same run: reading every line with {@link
 * BufferedReader} and parsing it with gson into a tree (what any restore must at least do), and
 * copying the file (the least a fork that carries the whole history writes).
 *
 * <p>The session holds a small compacted predecessor and the big segment, its active leaf, made
 * of realistic turns (~8 KiB each: user input, a tool call, a 4 KiB tool result, an answer, turn
 * end, usage, run completed). A fork goes to a new session, deleted after each invocation so the
 * disk does not fill. Expected shape: a fork at the first turn reads only up to its cut, so its
 * cost is flat in the log size; a fork at the last turn and a restore read the whole log and grow
 * linearly, and the fork also writes the whole history as its seed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class LineageBenchmark {
  /** Approximate size of the big segment in MiB. */
  @Param({"1", "10", "100"})
  public int megabytes;

  private Path dir;
  private JsonlSegmentStore store;
  private SegmentLineage lineage;
  private SegmentRef big;
  private long lastTurn;
  private SegmentHead bigHead;
  private SegmentRef lateFork;
  private @Nullable SegmentHead fork;

  /** Writes the session: a compacted predecessor, then the big segment compacted from it. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("agentledger-lineage-bench");
    store = JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
    Clock clock = Clock.systemUTC();
    lineage = SegmentLineage.over(store, IdGenerator.create(clock, new SplittableRandom(1)), clock);
    SegmentHead first =
        lineage.create(SegmentSeed.of("You are a coding agent.", RequestConfig.defaults()));
    SegmentHead head =
        lineage.compact(
            first,
            new SegmentSeed(
                Optional.of("You are a coding agent."),
                RequestConfig.defaults(),
                List.of(HistoryItem.Message.text(Role.SYSTEM, "[summary] nothing yet")),
                List.of()));
    big = head.segment();
    Path file = dir.resolve("store").resolve(big.sessionId().toString())
        .resolve(big.segmentId() + ".jsonl");
    long target = (long) megabytes * 1024 * 1024;
    SplittableRandom random = new SplittableRandom(7);
    try (SegmentWriter writer = store.openWriter(big.sessionId(), big.segmentId())) {
      long turn = head.state().turnCount();
      while (Files.size(file) < target) {
        turn++;
        writer.append(turn(turn, random));
      }
      lastTurn = turn;
    }
    bigHead = new SegmentHead(big, store.restore(big.sessionId(), big.segmentId()));
    lateFork = lineage.forkAt(big, lastTurn, ForkTarget.NEW_SESSION).segment();
  }

  private static List<LogEntry> turn(long turn, SplittableRandom random) {
    long ts = 1_747_700_000_000L + turn * 1000;
    String call = "call_" + turn;
    List<LogEntry> entries = new ArrayList<>();
    entries.add(new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND));
    entries.add(new LogEntry.UserInput(
        ts + 1, List.of(new UserSegment.Text(words(random, 60))), List.of()));
    String arguments = "{\"path\":\"src/F" + turn + ".java\"}";
    entries.add(new LogEntry.AssistantItem(
        ts + 2, new HistoryItem.ToolCall(call, "read_file", arguments)));
    entries.add(new LogEntry.ToolResult(ts + 3, new HistoryItem.ToolResult(
        call, "read", Optional.of(words(random, 600)), List.of(), false)));
    entries.add(new LogEntry.AssistantItem(
        ts + 4, HistoryItem.Message.text(Role.ASSISTANT, words(random, 300))));
    entries.add(new LogEntry.TurnEnd(ts + 5, turn));
    entries.add(new LogEntry.LlmUsage(
        ts + 6, new UsageRecord(turn * 4, 1000, 800, 100, 42)));
    entries.add(new LogEntry.RunCompleted(ts + 7, false, RunResult.FINISHED));
    return entries;
  }

  private static String words(SplittableRandom random, int count) {
    String[] words = {"agent", "tool", "call", "résumé", "日本語", "file", "diff", "commit",
        "the", "a", "result", "error", "json", "stream"};
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(words[random.nextInt(words.length)]).append(' ');
    }
    return text.toString();
  }

  /** Deletes the fork made by the invocation, if any. */
  @TearDown(Level.Invocation)
  public void deleteFork() {
    if (fork != null) {
      store.deleteSession(fork.segment().sessionId());
      fork = null;
    }
  }

  /** Removes the store. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private Path bigFile() {
    return store.root().resolve(big.sessionId().toString()).resolve(big.segmentId() + ".jsonl");
  }

  /** {@return the fork's entry count} Fork at the segment's first turn: reads a prefix only. */
  @Benchmark
  public long forkAtFirstTurn() {
    fork = lineage.forkAt(big, 1, ForkTarget.NEW_SESSION);
    return fork.state().entryCount();
  }

  /** {@return the fork's entry count} Fork at the last turn: reads and re-writes everything. */
  @Benchmark
  public long forkAtLastTurn() {
    fork = lineage.forkAt(big, lastTurn, ForkTarget.NEW_SESSION);
    return fork.state().entryCount();
  }

  /** {@return the turn count} Finds the session's active leaf and restores it. */
  @Benchmark
  public long restoreActiveLeaf() {
    SegmentRef leaf = lineage.activeLeaf(big.sessionId()).orElseThrow();
    RestoredState state = store.restore(leaf.sessionId(), leaf.segmentId());
    return state.turnCount();
  }

  /**
   * {@return the turn count} Finds and restores the active leaf of a session whose leaf is a fork
   * at the big segment's last turn: its one {@code segment_start} line carries the whole history,
   * so it is as big as the log. The lineage query must not decode that history (only the restore
   * does).
   */
  @Benchmark
  public long restoreLateForkLeaf() {
    SegmentRef leaf = lineage.activeLeaf(lateFork.sessionId()).orElseThrow();
    RestoredState state = store.restore(leaf.sessionId(), leaf.segmentId());
    return state.turnCount();
  }

  /**
   * {@return the outcome} Ensure-head-or-fork at the head: takes the writer lock, which counts the
   * committed lines once (a newline scan), and writes nothing.
   */
  @Benchmark
  public HeadOutcome ensureHeadAtHead() {
    return lineage.ensureHeadOrFork(bigHead).outcome();
  }

  /** {@return the lines read} Baseline: every line of the big file parsed by gson into a tree. */
  @Benchmark
  public long baselineReadAndParseEveryLine(Blackhole blackhole) throws IOException {
    return readAndParse(bigFile(), blackhole);
  }

  /**
   * {@return the lines read} Baseline: every line of the late fork's file (its huge segment_start
   * and its extension lines) parsed by gson into a tree.
   */
  @Benchmark
  public long baselineReadAndParseLateFork(Blackhole blackhole) throws IOException {
    Path file = store.root().resolve(lateFork.sessionId().toString())
        .resolve(lateFork.segmentId() + ".jsonl");
    return readAndParse(file, blackhole);
  }

  private static long readAndParse(Path file, Blackhole blackhole) throws IOException {
    long lines = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        blackhole.consume(JsonParser.parseString(line));
        lines++;
      }
    }
    return lines;
  }

  /** {@return the bytes copied} Baseline: a plain copy of the big file, then its deletion. */
  @Benchmark
  public long baselineCopyFile() throws IOException {
    Path copy = dir.resolve("copy.jsonl");
    Files.copy(bigFile(), copy);
    long size = Files.size(copy);
    Files.delete(copy);
    return size;
  }
}
