package io.github.agentledger.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints each one next to its baseline from the same run, as a speed
 * ratio (above 1: ours is faster).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.agentledger.benchmarks.Figures [quick|full] [class-name-regex]}. {@code quick} (the
 * default) runs one fork with short iterations, enough for ratios on a quiet machine; {@code full}
 * uses each benchmark's own settings.
 */
public final class Figures {
  /** One claim: a benchmark method measured against its baseline in the same class. */
  private record Pair(String benchmarkClass, String ours, String baseline, String claim) {}

  private static final List<Pair> PAIRS = List.of(
      new Pair("SegmentAppendBenchmark", "storeAppendNone", "baselineGsonWrite",
          "segment append, NONE, vs gson + FileChannel.write (want >= 0.8)"),
      new Pair("SegmentAppendBenchmark", "storeAppendFsyncEach", "baselineGsonWriteForceEach",
          "segment append, FSYNC_EACH, vs write + force per line (want >= 0.9)"),
      new Pair("SegmentAppendBenchmark", "storeAppendGroupCommit8Threads",
          "baselineGsonWriteForceEvery100Lines8Threads",
          "segment append, GROUP_COMMIT 8 threads (durable), vs write + one force per 100 lines"),
      new Pair("GroupCommitBenchmark", "groupCommit1Thread", "baselineForceEachLine",
          "GROUP_COMMIT, 1 thread (durable appends/s) vs write + force per line"),
      new Pair("GroupCommitBenchmark", "groupCommit8Threads", "baselineForceEachLine",
          "GROUP_COMMIT, 8 threads (durable appends/s) vs write + force per line"),
      new Pair("GroupCommitBenchmark", "groupCommit64Threads", "baselineForceEachLine",
          "GROUP_COMMIT, 64 threads (durable appends/s) vs write + force per line"),
      new Pair("GroupCommitBenchmark", "async64InFlight", "baselineForceEvery64Lines",
          "GROUP_COMMIT, 1 thread, 64 async appends in flight (want >= 50 000/s) vs write +"
              + " one force per 64 lines"),
      new Pair("SegmentRestoreBenchmark", "storeRestore", "baselineBufferedReaderGson",
          "segment restore of ~100 MB vs BufferedReader + gson.fromJson (want >= 0.8)"),
      new Pair("PostgresSegmentBenchmark", "pgAppend1Thread", "plainJdbcInsert1Thread",
          "Postgres store append, 1 thread, vs a plain JDBC insert loop (want >= 0.8)"),
      new Pair("PostgresSegmentBenchmark", "pgAppend16Threads", "plainJdbcInsert16Threads",
          "Postgres store append, 16 threads, vs 16 plain JDBC insert loops (want >= 0.8)"),
      new Pair("PostgresSegmentBenchmark", "pgAppend1Thread", "jsonlFsyncEachAppend1Thread",
          "Postgres store append, 1 thread, vs the JSONL store, FSYNC_EACH"),
      new Pair("PostgresSegmentBenchmark", "pgAppend16Threads", "jsonlGroupCommitAppend16Threads",
          "Postgres store append, 16 threads, vs the JSONL store, GROUP_COMMIT"),
      new Pair("PostgresSegmentBenchmark", "pgRestore", "plainJdbcSelectGson",
          "Postgres store restore of 10 MB vs a plain JDBC cursor + gson (want >= 0.8)"),
      new Pair("PostgresSegmentBenchmark", "pgRestore", "jsonlRestore",
          "Postgres store restore of 10 MB vs the JSONL store's"),
      new Pair("LineageBenchmark", "restoreActiveLeaf", "baselineReadAndParseEveryLine",
          "active leaf found and restored vs reading + gson-parsing every line of it"),
      new Pair("LineageBenchmark", "restoreLateForkLeaf", "baselineReadAndParseLateFork",
          "active leaf found and restored when it is a late fork (one huge first line) vs reading"
              + " + gson-parsing its file"),
      new Pair("LineageBenchmark", "forkAtFirstTurn", "baselineReadAndParseEveryLine",
          "fork at the first turn (reads a prefix only) vs reading + parsing the whole log"),
      new Pair("LineageBenchmark", "forkAtLastTurn", "baselineReadAndParseEveryLine",
          "fork at the last turn (reads all, writes the whole history) vs reading + parsing"),
      new Pair("LineageBenchmark", "forkAtLastTurn", "baselineCopyFile",
          "fork at the last turn vs copying the segment file"),
      new Pair("LineageBenchmark", "ensureHeadAtHead", "baselineReadAndParseEveryLine",
          "ensure-head-or-fork at the head (lock + line count) vs reading + parsing the log"),
      new Pair("CheckpointWriteBenchmark", "store", "minimalJGit",
          "checkpoint write (200 KB transcript) vs minimal JGit (want >= 0.67)"),
      new Pair("CheckpointWriteBenchmark", "storeWithDefaultRedactor", "store",
          "checkpoint write with the default redactor vs without"),
      new Pair("CheckpointWriteBenchmark", "store", "gitCliPlumbing",
          "checkpoint write vs git CLI plumbing"),
      new Pair("RedactionBenchmark", "redactDefault", "baselineGsonParseLines",
          "redaction of a 10 MB agent transcript vs gson parsing its lines (want >= 0.45)"),
      new Pair("CheckpointReadBenchmark", "list", "listBaseline",
          "list of 10 000 checkpoints vs raw JGit tree walk"),
      new Pair("RealBranchListBenchmark", "storeCold", "gitLsTreeAndCatFile",
          "list + readSummary of 600 checkpoints, fresh repository, vs git ls-tree -r +"
              + " cat-file --batch (want >= 1.0)"),
      new Pair("RealBranchListBenchmark", "storeWarm", "gitLsTreeAndCatFile",
          "list + readSummary of 600 checkpoints, store kept open, vs git ls-tree -r +"
              + " cat-file --batch"),
      new Pair("CheckpointReadBenchmark", "readOne", "readOneBaseline",
          "read one checkpoint's session vs raw JGit reads"),
      new Pair("V2WriteAcrossRotationsBenchmark", "v2Write", "v1Baseline",
          "v2 write at the default threshold (rotations included) vs a v1 write of the same"
              + " checkpoint"),
      new Pair("DualWriteBenchmark", "dualWrite", "v1Write",
          "DUAL_WRITE write vs a V1 write of the same checkpoint, default redactor (want a"
              + " ratio >= 0.77, i.e. at most 1.3x the time)"),
      new Pair("V2WriteAcrossRotationsBenchmark", "v2RotatingWrite", "v2Write",
          "v2 write that rotates every time vs v2 writes at the default threshold"),
      new Pair("GitRefsScaleBenchmark", "gitRefsWrite", "v1Write",
          "git-refs checkpoint write among N refs vs a v1 write among N checkpoints (want >= 0.83)"),
      new Pair("GitRefsScaleBenchmark", "gitRefsList", "v1List",
          "git-refs list of N checkpoint refs vs a v1 list of N checkpoints"),
      new Pair("ArchivedTranscriptLookupBenchmark", "storeReadSession", "rawJGitPathLookup",
          "read a session whose transcript is in the oldest of 50 archives vs one raw path lookup"),
      new Pair("ArchivedTranscriptLookupBenchmark", "storeGenerationOf", "rawJGitPathLookup",
          "which generation holds a checkpoint vs one raw path lookup"));

  private Figures() {}

  /**
   * Runs the selected benchmarks and prints the ratios.
   *
   * @param args {@code quick} or {@code full}, then an optional regex over benchmark class names
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    boolean quick = args.length == 0 || !args[0].equals("full");
    Pattern classes = Pattern.compile(args.length > 1 ? args[1] : ".*");
    List<Pair> selected = PAIRS.stream()
        .filter(pair -> classes.matcher(pair.benchmarkClass()).find())
        .collect(Collectors.toList());
    String include = selected.stream().map(Pair::benchmarkClass).distinct()
        .map(name -> Figures.class.getPackageName() + "." + name + ".*")
        .collect(Collectors.joining("|"));
    ChainedOptionsBuilder options = new OptionsBuilder().include(include);
    if (quick) {
      options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(2))
          .measurementIterations(3).measurementTime(TimeValue.seconds(3))
          .timeUnit(TimeUnit.MILLISECONDS);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.println();
    System.out.println(report(selected, results));
  }

  static String report(List<Pair> pairs, Collection<RunResult> results) {
    Map<String, RunResult> byKey = new LinkedHashMap<>();
    for (RunResult result : results) {
      byKey.put(key(result.getParams().getBenchmark(), paramsOf(result)), result);
    }
    StringBuilder out = new StringBuilder("| claim | params | ours | baseline | speed ratio |\n"
        + "|---|---|---|---|---|\n");
    for (Pair pair : pairs) {
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
        out.append("| ").append(pair.claim()).append(" | ").append(params.isEmpty() ? "-" : params)
            .append(" | ").append(score(ours)).append(" | ").append(score(baseline))
            .append(" | ").append(String.format(Locale.ROOT, "%.2f", speedRatio(ours, baseline)))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  /** {@return how many times faster {@code ours} is than {@code baseline} (below 1: slower)} */
  static double speedRatio(RunResult ours, RunResult baseline) {
    double a = ours.getPrimaryResult().getScore();
    double b = baseline.getPrimaryResult().getScore();
    Mode mode = ours.getParams().getMode();
    return mode == Mode.Throughput ? a / b : b / a;
  }

  private static String score(RunResult result) {
    return String.format(Locale.ROOT, "%.3f %s", result.getPrimaryResult().getScore(),
        result.getPrimaryResult().getScoreUnit());
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
