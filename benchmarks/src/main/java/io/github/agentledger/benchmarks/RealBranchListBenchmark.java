package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * What a user's "show me every checkpoint" costs on a real-sized v1 branch ({@code checkpoints}
 * checkpoints, docs/checkpoint-format.md#real-repositories): {@code list()} and then {@code readSummary} of every listed checkpoint,
 * in-process, against git itself doing the same reads: {@code git ls-tree -r} of the branch and
 * one {@code git cat-file --batch} fed every summary and every latest-slot {@code metadata.json}
 * blob id (the blobs {@code list} + {@code readSummary} need; git parses none of them).
 *
 * <p>{@code storeCold} opens a fresh {@link Repository} for each invocation, as a command-line
 * tool run would (JGit's process-wide window cache stays warm, as the OS page cache does for
 * git); {@code storeWarm} reuses one store. The git baseline starts two processes per
 * invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class RealBranchListBenchmark {
  @Param({"600"})
  public int checkpoints;

  private BenchRepository bench;
  private JGitCheckpointStore warm;

  /** Prepares the repository and the warm store. */
  @Setup(Level.Trial)
  public void prepare() {
    bench = BenchRepository.withCheckpoints(checkpoints);
    warm = JGitCheckpointStore.builder(bench.repository).build();
  }

  /** Removes the repository. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    bench.close();
  }

  /**
   * The store on a freshly opened repository: list, then every summary.
   *
   * @param hole consumes the summaries
   * @throws IOException if the repository cannot be opened
   */
  @Benchmark
  public void storeCold(Blackhole hole) throws IOException {
    try (Repository repository = new FileRepositoryBuilder()
        .setGitDir(bench.directory.resolve(".git").toFile()).build()) {
      listAndSummaries(JGitCheckpointStore.builder(repository).build(), hole);
    }
  }

  /**
   * The store kept open: list, then every summary.
   *
   * @param hole consumes the summaries
   */
  @Benchmark
  public void storeWarm(Blackhole hole) {
    listAndSummaries(warm, hole);
  }

  private static void listAndSummaries(JGitCheckpointStore store, Blackhole hole) {
    for (CheckpointListEntry entry : store.list()) {
      hole.consume(store.readSummary(entry.checkpointId()).orElseThrow());
    }
  }

  /**
   * git itself: {@code ls-tree -r} of the branch, then {@code cat-file --batch} of every summary
   * and latest-slot metadata blob.
   *
   * @param hole consumes the blob bytes
   */
  @Benchmark
  public void gitLsTreeAndCatFile(Blackhole hole) {
    String listing = new String(git(new byte[0], "ls-tree", "-r", "--full-tree",
        BenchRepository.V1_BRANCH), StandardCharsets.UTF_8);
    StringBuilder wanted = new StringBuilder();
    String checkpoint = "";
    String latest = "";
    List<String> ids = new ArrayList<>();
    for (String line : listing.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab < 0 || !line.substring(tab + 1).endsWith("/metadata.json")) {
        continue;
      }
      String path = line.substring(tab + 1);
      String blob = line.substring(tab - 40, tab);
      String[] parts = path.split("/");
      String dir = parts[0] + "/" + parts[1];
      if (!dir.equals(checkpoint)) {
        if (!latest.isEmpty()) {
          ids.add(latest);
        }
        checkpoint = dir;
        latest = "";
      }
      if (parts.length == 3) {
        ids.add(blob);
      } else {
        latest = blob;
      }
    }
    if (!latest.isEmpty()) {
      ids.add(latest);
    }
    ids.forEach(id -> wanted.append(id).append('\n'));
    hole.consume(git(wanted.toString().getBytes(StandardCharsets.UTF_8), "cat-file", "--batch"));
  }

  private byte[] git(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(bench.directory.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process process = builder.start();
      CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
        try (OutputStream in = process.getOutputStream()) {
          in.write(stdin);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      byte[] out;
      try (InputStream stdout = process.getInputStream()) {
        out = stdout.readAllBytes();
      }
      feed.join();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
