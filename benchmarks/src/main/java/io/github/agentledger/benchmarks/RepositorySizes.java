package io.github.agentledger.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prints, for each way the checkpoint stores could store their objects ({@link FloorInserter}),
 * the size of a repository after {@code count} checkpoint writes (default 1000), each with a
 * 200 KB transcript of its own, and again after {@code git gc}: how much the choice of inserter
 * costs on disk before git packs the repository, and that it costs nothing after.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.agentledger.benchmarks.RepositorySizes [count]}. Needs {@code git} on the path; it
 * runs with the user's and the system's git configuration ignored.
 */
public final class RepositorySizes {
  private RepositorySizes() {}

  /**
   * Writes and measures.
   *
   * @param args an optional count of checkpoints
   * @throws IOException if a repository cannot be written or measured
   * @throws InterruptedException if interrupted while {@code git gc} runs
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%d checkpoints, each a 200 KB transcript of its own:%n%n"
            + "| inserter | write time | objects before `git gc` | files | after `git gc` |"
            + " files |%n|---|---|---|---|---|---|%n", count));
    for (FloorInserter way : new FloorInserter[] {FloorInserter.JGIT_DEFAULT,
        FloorInserter.STORE_LOOSE, FloorInserter.PACK_PER_WRITE_LEVEL_1}) {
      try (BenchRepository bench = BenchRepository.withCheckpoints(0);
          MinimalJGitWriter writer = new MinimalJGitWriter(bench.repository, way)) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          String id = String.format(Locale.ROOT, "%012x", ((i + 1) * 0x9E3779B97F4A7C15L) >>> 16);
          writer.write(id, Transcripts.jsonl(200 * 1024, new SplittableRandom(i)));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Path objects = bench.directory.resolve(".git/objects");
        long[] before = sizeOf(objects);
        gc(bench.directory);
        long[] after = sizeOf(objects);
        table.append(String.format(Locale.ROOT, "| %s | %d ms | %.1f MB | %d | %.1f MB | %d |%n",
            way, millis, before[0] / 1e6, before[1], after[0] / 1e6, after[1]));
      }
    }
    System.out.print(table);
  }

  /** {@return the bytes and the number of regular files under {@code directory}} */
  private static long[] sizeOf(Path directory) throws IOException {
    long[] total = new long[2];
    try (Stream<Path> files = Files.walk(directory)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        try {
          total[0] += Files.size(file);
          total[1]++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return total;
  }

  private static void gc(Path directory) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("git", "gc", "--quiet", "--prune=now")
        .directory(directory.toFile()).inheritIO();
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process process = builder.start();
    if (process.waitFor() != 0) {
      throw new IOException("git gc exited " + process.exitValue() + " in " + directory);
    }
  }
}
