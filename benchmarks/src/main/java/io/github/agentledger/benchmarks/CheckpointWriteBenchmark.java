package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.Redactor;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * Writing one checkpoint with a 200 KB transcript onto a v1 branch that already holds
 * {@code existing} checkpoints, on disk. {@code store} is {@link JGitCheckpointStore};
 * {@code minimalJGit} does the same blobs, the same root → shard → checkpoint surgery, the commit
 * and a CAS ref update with nothing else (the floor for any JGit store); {@code gitCliPlumbing}
 * does the same through {@code git hash-object/mktree/commit-tree/update-ref} processes. The
 * store's cost should stay flat as {@code existing} grows.
 *
 * <p>{@code store} runs without redaction, like the baselines; {@code storeWithDefaultRedactor}
 * adds the cost of the default secret detector on the same transcript.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class CheckpointWriteBenchmark {
  @Param({"100", "1000", "10000"})
  public int existing;

  private BenchRepository bench;
  private JGitCheckpointStore store;
  private JGitCheckpointStore redactingStore;
  private MinimalJGitWriter minimal;
  private GitCliWriter cli;
  private byte[] transcript;
  private long next;

  /** Prepares the repository and the writers. */
  @Setup(Level.Trial)
  public void prepare() {
    bench = BenchRepository.withCheckpoints(existing);
    store = JGitCheckpointStore.builder(bench.repository).redactor(Redactor.none()).build();
    redactingStore = JGitCheckpointStore.builder(bench.repository).build();
    minimal = new MinimalJGitWriter(bench.repository);
    cli = new GitCliWriter(bench.directory);
    transcript = Transcripts.jsonl(200 * 1024, new SplittableRandom(7));
  }

  /** Removes the repository. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    bench.close();
  }

  private String freshId() {
    next++;
    return String.format("%012x", (0xF00000000000L + next * 0x1F3D5B79L) & 0xFFFF_FFFF_FFFFL);
  }

  /**
   * The store under test.
   *
   * @return the slot written
   */
  @Benchmark
  public int store() {
    return write(store);
  }

  /**
   * The store under test with its default redactor.
   *
   * @return the slot written
   */
  @Benchmark
  public int storeWithDefaultRedactor() {
    return write(redactingStore);
  }

  private int write(JGitCheckpointStore target) {
    return target.write(WriteRequest.builder(CheckpointId.parse(freshId()),
            AgentSessionId.of("bench-session"))
        .author(Author.of("Bench", "bench@example.com")).agent("Claude Code")
        .transcript(Transcript.of(transcript)).prompts(List.of("do the thing"))
        .filesTouched(List.of("src/App.java")).checkpointsCount(1).build());
  }

  /**
   * The JGit floor: same objects and surgery, no JSON building, no slot logic, no retry.
   *
   * @return the new commit name
   * @throws IOException if JGit fails
   */
  @Benchmark
  public String minimalJGit() throws IOException {
    return minimal.write(freshId(), transcript);
  }

  /**
   * The git command line doing the same with plumbing commands.
   *
   * @return the new commit name
   */
  @Benchmark
  public String gitCliPlumbing() {
    return cli.write(freshId(), transcript);
  }
}
