package io.github.agentledger.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints, at its end, each one next to its baseline from the same run, as
 * a speed ratio (above 1: ours is faster): the markdown table the README's figures show
 * ({@link FigureTable}), under a line naming the date, the machine, the mode and the load, so the
 * README's figures are pasted from a run, never retyped.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.agentledger.benchmarks.Figures [quick|full] [pair-regex] [param=v1,v2 ...]}.
 * {@code quick} (the default) runs one fork with short iterations, enough for ratios on a quiet
 * machine; {@code full} uses each benchmark's own settings. The regular expression is searched
 * in each pair's name, {@code Class.ours/baseline} (so a class name alone picks all of that
 * class's pairs); only the two methods of each chosen pair run. Each {@code param=values}
 * argument overrides a JMH parameter's values in the benchmarks that declare it.
 */
public final class Figures {
  /**
   * One claim: a benchmark method measured against its baseline in the same class.
   *
   * @param benchmarkClass the class both methods are in
   * @param ours our method
   * @param baseline the baseline's method
   * @param what what is measured, as the README's first column says it
   * @param baselineLabel what the baseline is, as the README's baseline column says it
   */
  record Pair(String benchmarkClass, String ours, String baseline, String what,
      String baselineLabel) {
    /**
     * The name a selection regex is searched in.
     *
     * @return {@code Class.ours/baseline}
     */
    String name() {
      return benchmarkClass + "." + ours + "/" + baseline;
    }
  }

  /** Every claim {@code Figures} measures, in the order of the table it prints. */
  static final List<Pair> PAIRS = List.of(
      new Pair("SegmentAppendBenchmark", "storeAppendNone", "baselineGsonWrite",
          "segment append, `NONE` (want ≥ 0.8)",
          "gson + `FileChannel.write`"),
      new Pair("SegmentAppendBenchmark", "storeAppendFsyncEach", "baselineGsonWriteForceEach",
          "segment append, `FSYNC_EACH` (want ≥ 0.9)",
          "`write` + `force` per line"),
      new Pair("SegmentAppendBenchmark", "storeAppendGroupCommit8Threads",
          "baselineGsonWriteForceEvery100Lines8Threads",
          "segment append, `GROUP_COMMIT`, 8 threads (durable)",
          "8 threads, one `force` per 100 lines (not durable per append)"),
      new Pair("GroupCommitBenchmark", "groupCommit1Thread", "baselineForceEachLine",
          "`GROUP_COMMIT`, 1 thread (durable appends)",
          "write + force per line"),
      new Pair("GroupCommitBenchmark", "groupCommit8Threads", "baselineForceEachLine",
          "`GROUP_COMMIT`, 8 threads (durable appends)",
          "write + force per line"),
      new Pair("GroupCommitBenchmark", "groupCommit64Threads", "baselineForceEachLine",
          "`GROUP_COMMIT`, 64 threads (durable appends)",
          "write + force per line"),
      new Pair("GroupCommitBenchmark", "async64InFlight", "baselineForceEvery64Lines",
          "`GROUP_COMMIT`, 1 thread, 64 `appendAsync` in flight (want ≥ 50 000/s)",
          "1 thread, write + one force per 64 lines"),
      new Pair("SegmentRestoreBenchmark", "storeRestore", "baselineBufferedReaderGson",
          "segment restore, ~100 MB (want ≥ 0.8)",
          "`BufferedReader` + `gson.fromJson`"),
      new Pair("PostgresSegmentBenchmark", "pgAppend1Thread", "plainJdbcInsert1Thread",
          "Postgres store append, 1 thread (want ≥ 0.8)",
          "plain JDBC insert loop"),
      new Pair("PostgresSegmentBenchmark", "pgAppend16Threads", "plainJdbcInsert16Threads",
          "Postgres store append, 16 threads (want ≥ 0.8)",
          "16 plain JDBC insert loops"),
      new Pair("PostgresSegmentBenchmark", "pgAppend1Thread", "jsonlFsyncEachAppend1Thread",
          "Postgres store append, 1 thread",
          "JSONL store, `FSYNC_EACH`"),
      new Pair("PostgresSegmentBenchmark", "pgAppend16Threads", "jsonlGroupCommitAppend16Threads",
          "Postgres store append, 16 threads",
          "JSONL store, `GROUP_COMMIT`"),
      new Pair("PostgresSegmentBenchmark", "pgRestore", "plainJdbcSelectGson",
          "Postgres store restore, 10 MB (want ≥ 0.8)",
          "plain JDBC cursor + gson"),
      new Pair("PostgresSegmentBenchmark", "pgRestore", "jsonlRestore",
          "Postgres store restore, 10 MB",
          "JSONL store"),
      new Pair("LineageBenchmark", "restoreActiveLeaf", "baselineReadAndParseEveryLine",
          "restore of a session's active leaf",
          "read + gson-parse every line"),
      new Pair("LineageBenchmark", "restoreLateForkLeaf", "baselineReadAndParseLateFork",
          "restore of an active leaf that is a late fork (one huge first line)",
          "read + gson-parse its file"),
      new Pair("LineageBenchmark", "forkAtFirstTurn", "baselineReadAndParseEveryLine",
          "fork at the first turn (reads a prefix only)",
          "read + parse the whole log"),
      new Pair("LineageBenchmark", "forkAtLastTurn", "baselineReadAndParseEveryLine",
          "fork at the last turn (reads all, writes the whole history)",
          "read + parse the whole log"),
      new Pair("LineageBenchmark", "forkAtLastTurn", "baselineCopyFile",
          "fork at the last turn",
          "copy of the segment file"),
      new Pair("LineageBenchmark", "ensureHeadAtHead", "baselineReadAndParseEveryLine",
          "ensure-head-or-fork at the head (lock + line count)",
          "read + parse the whole log"),
      new Pair("CheckpointWriteBenchmark", "store", "minimalJGitLevel1",
          "checkpoint write, 200 KB transcript (want ≥ 0.8: at most 1.25× the level-1 floor)",
          "minimal JGit at zlib level 1, same blobs and surgery"),
      new Pair("CheckpointWriteBenchmark", "storeV2", "minimalJGitTwoRefsLevel1",
          "v2 checkpoint write, 200 KB transcript (want ≥ 0.8: at most 1.25× the two-ref floor)",
          "minimal JGit at zlib level 1, the same two commits on two refs"),
      new Pair("CheckpointWriteBenchmark", "store", "minimalJGit",
          "checkpoint write, 200 KB transcript",
          "minimal JGit at its default zlib level 6, same blobs and surgery"),
      new Pair("CheckpointWriteBenchmark", "minimalJGitLevel1", "minimalJGit",
          "minimal JGit write at zlib level 1",
          "the same at level 6"),
      new Pair("CheckpointWriteBenchmark", "minimalJGitPackLevel1", "minimalJGitLevel1",
          "minimal JGit write, one pack per write at level 1 (the option not taken)",
          "the same as loose objects at level 1"),
      new Pair("CheckpointWriteBenchmark", "storeWithDefaultRedactor", "store",
          "checkpoint write with the default redactor",
          "the same write without redaction"),
      new Pair("CheckpointWriteBenchmark", "store", "gitCliPlumbing",
          "checkpoint write",
          "`git` CLI plumbing"),
      new Pair("RedactionShareBenchmark", "writeWithDefaultRedactor", "writeWithoutRedaction",
          "checkpoint write of a 200 KB agent transcript with the default redactor (want ≥ 0.9:"
              + " redaction ≤ 10% of a write)",
          "the same write without redaction"),
      new Pair("RedactionShareBenchmark", "redactTranscript", "writeWithoutRedaction",
          "redaction of that 200 KB agent transcript alone (want ≥ 10)",
          "the write without redaction"),
      new Pair("RedactionBenchmark", "redactDefault", "baselineGsonParseLines",
          "redaction of a 10 MB agent transcript (want ≥ 0.45)",
          "gson parsing its lines"),
      new Pair("CheckpointReadBenchmark", "list", "listBaseline",
          "checkpoint list of `existing` checkpoints (10 000 unless set)",
          "raw tree walk reading the same blobs, no JSON decoding"),
      new Pair("RealBranchListBenchmark", "storeCold", "gitLsTreeAndCatFile",
          "list + readSummary of 600 checkpoints, fresh repository (want ≥ 1.0)",
          "`git ls-tree -r` + `cat-file --batch`"),
      new Pair("RealBranchListBenchmark", "storeWarm", "gitLsTreeAndCatFile",
          "list + readSummary of 600 checkpoints, store kept open",
          "`git ls-tree -r` + `cat-file --batch`"),
      new Pair("CheckpointReadBenchmark", "readOne", "readOneBaseline",
          "checkpoint read-one among `existing` checkpoints (10 000 unless set)",
          "raw JGit reads"),
      new Pair("V2WriteAcrossRotationsBenchmark", "v2Write", "v1Baseline",
          "v2 write at the default threshold (rotation every 100th write included)",
          "v1 write of the same checkpoint"),
      new Pair("V2WriteAcrossRotationsBenchmark", "v2Write", "minimalJGitLevel1",
          "v2 write at the default threshold (want ≥ 0.8; v2 makes two commits and moves two"
              + " refs)",
          "minimal JGit at zlib level 1, the same transcript as one v1 commit"),
      new Pair("DualWriteBenchmark", "dualWrite", "v1Write",
          "`DUAL_WRITE` write, default redactor (want ≥ 0.77, i.e. at most 1.3× the time)",
          "`V1` write of the same checkpoint"),
      new Pair("V2WriteAcrossRotationsBenchmark", "v2RotatingWrite", "v2Write",
          "v2 write that rotates every time",
          "v2 writes at the default threshold"),
      new Pair("GitRefsScaleBenchmark", "gitRefsWrite", "v1Write",
          "git-refs checkpoint write among N refs (want ≥ 0.83)",
          "v1 write among N checkpoints"),
      new Pair("GitRefsScaleBenchmark", "gitRefsWrite", "minimalJGitLevel1",
          "git-refs checkpoint write among N refs (want ≥ 0.8: at most 1.25× the level-1 floor)",
          "minimal JGit at zlib level 1, a v1 commit among N checkpoints"),
      new Pair("GitRefsScaleBenchmark", "gitRefsList", "v1List",
          "git-refs list of N checkpoint refs",
          "v1 list of N checkpoints"),
      new Pair("ArchivedTranscriptLookupBenchmark", "storeReadSession", "rawJGitPathLookup",
          "transcript of a checkpoint in the oldest of 50 archives",
          "one raw JGit path lookup in a known ref"),
      new Pair("ArchivedTranscriptLookupBenchmark", "storeGenerationOf", "rawJGitPathLookup",
          "which generation holds a checkpoint (50 archives)",
          "one raw JGit path lookup in a known ref"));

  private Figures() {}

  /**
   * Runs the selected benchmarks and prints, at the end, the README's figures table.
   *
   * @param args {@code quick} or {@code full}, then an optional regex over benchmark class names
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    boolean quick = args.length == 0 || !args[0].equals("full");
    List<Pair> selected = select(args.length > 1 ? args[1] : ".*");
    ChainedOptionsBuilder options = new OptionsBuilder().include(include(selected));
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected param=v1,v2, got " + args[i]);
      }
      options.param(args[i].substring(0, eq), args[i].substring(eq + 1).split(","));
    }
    if (quick) {
      options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(2))
          .measurementIterations(3).measurementTime(TimeValue.seconds(3))
          .timeUnit(TimeUnit.MILLISECONDS);
    }
    Instant started = Clock.systemUTC().instant();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Collection<RunResult> results = new Runner(options.build()).run();
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    FigureTable.Run run = new FigureTable.Run(started, machine(),
        quick ? "quick (1 fork, 3 × 2 s warm-up, 3 × 3 s measured)" : "full (each benchmark's own"
            + " settings)",
        String.format(Locale.ROOT, "%.1f before, %.1f after", loadBefore, loadAfter));
    System.out.println();
    System.out.print(FigureTable.render(run, rows(selected, results)));
  }

  /**
   * The pairs whose name ({@code Class.ours/baseline}) contains a match of the regex.
   *
   * @param regex searched in each pair's name
   * @return the chosen pairs, in table order
   */
  static List<Pair> select(String regex) {
    Pattern pattern = Pattern.compile(regex);
    return PAIRS.stream().filter(pair -> pattern.matcher(pair.name()).find())
        .collect(Collectors.toList());
  }

  /**
   * A JMH include regex matching exactly the two methods of each pair, no other method.
   *
   * @param pairs the chosen pairs
   * @return the regex JMH searches in each benchmark's full name
   */
  static String include(List<Pair> pairs) {
    return pairs.stream()
        .flatMap(pair -> Stream.of(pair.ours(), pair.baseline())
            .map(method -> Figures.class.getPackageName() + "." + pair.benchmarkClass() + "."
                + method))
        .distinct()
        .map(name -> Pattern.quote(name) + "$")
        .collect(Collectors.joining("|"));
  }

  private static String machine() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, Java " + Runtime.version();
  }

  /**
   * Matches each pair's runs with its baseline's runs of the same parameters.
   *
   * @param pairs the claims, in table order
   * @param results what JMH measured
   * @return one row per pair
   */
  static List<FigureTable.Row> rows(List<Pair> pairs, Collection<RunResult> results) {
    Map<String, RunResult> byKey = new LinkedHashMap<>();
    for (RunResult result : results) {
      byKey.put(key(result.getParams().getBenchmark(), paramsOf(result)), result);
    }
    List<FigureTable.Row> rows = new ArrayList<>();
    for (Pair pair : pairs) {
      List<FigureTable.Measured> measured = new ArrayList<>();
      List<String> paramNames = List.of();
      for (RunResult ours : results) {
        String name = ours.getParams().getBenchmark();
        if (!name.endsWith("." + pair.benchmarkClass() + "." + pair.ours())) {
          continue;
        }
        String params = paramsOf(ours);
        String baselineName = name.substring(0, name.lastIndexOf('.') + 1) + pair.baseline();
        RunResult baseline = byKey.get(key(baselineName, params));
        if (baseline == null) {
          continue;
        }
        paramNames = List.copyOf(ours.getParams().getParamsKeys());
        List<String> values = new ArrayList<>();
        for (String param : paramNames) {
          values.add(ours.getParams().getParam(param));
        }
        measured.add(new FigureTable.Measured(String.join(" ", values),
            ours.getPrimaryResult().getScore(), baseline.getPrimaryResult().getScore(),
            ours.getPrimaryResult().getScoreUnit(),
            ours.getParams().getMode() == Mode.Throughput));
      }
      rows.add(new FigureTable.Row(pair.what(), pair.baselineLabel(), paramNames, measured));
    }
    return rows;
  }

  private static String paramsOf(RunResult result) {
    List<String> parts = new ArrayList<>();
    for (String name : result.getParams().getParamsKeys()) {
      parts.add(name + "=" + result.getParams().getParam(name));
    }
    return String.join(",", parts);
  }

  private static String key(String benchmark, String params) {
    return benchmark + "|" + params;
  }
}
