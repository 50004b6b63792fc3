package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.Redactor;
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
 * The cost of a v2 write (20 KB transcript, on disk) as generations fill and rotate. Each
 * invocation writes a new checkpoint; with {@code maxPerGeneration} 10 a rotation happens on
 * every tenth write, with 100 on every hundredth, and with {@code 2147483647} never. If a write's
 * cost does not step up as the active generation fills, the three averages differ only by the
 * rotations themselves (an archive ref, an orphan seed commit and one atomic ref batch, amortised
 * over the generation). {@code v1Baseline} writes the same request to the v1 branch in the same
 * run: the v2 write does two ref updates where v1 does one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class V2WriteAcrossRotationsBenchmark {
  @Param({"10", "100", "2147483647"})
  public int maxPerGeneration;

  private BenchRepository v2Repository;
  private BenchRepository v1Repository;
  private JGitCheckpointStore v2;
  private JGitCheckpointStore v1;
  private byte[] transcript;
  private long next;

  /** Prepares two empty on-disk repositories. */
  @Setup(Level.Trial)
  public void prepare() {
    v2Repository = BenchRepository.withCheckpoints(0);
    v1Repository = BenchRepository.withCheckpoints(0);
    v2 = JGitCheckpointStore.builder(v2Repository.repository).layout(CheckpointLayout.V2)
        .redactor(Redactor.none()).maxCheckpointsPerGeneration(maxPerGeneration).build();
    v1 = JGitCheckpointStore.builder(v1Repository.repository).redactor(Redactor.none()).build();
    transcript = Transcripts.jsonl(20 * 1024, new SplittableRandom(11));
  }

  /** Removes the repositories. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    v2Repository.close();
    v1Repository.close();
  }

  private WriteRequest nextRequest() {
    next++;
    String id = String.format("%012x", (0xA00000000000L + next * 0x2F3D5B79L) & 0xFFFF_FFFF_FFFFL);
    return WriteRequest.builder(CheckpointId.parse(id), AgentSessionId.of("bench-session"))
        .author(Author.of("Bench", "bench@example.com")).agent("Claude Code")
        .transcript(Transcript.of(transcript)).prompts(List.of("do the thing")).build();
  }

  /**
   * A v2 write, rotating every {@code maxPerGeneration} writes.
   *
   * @return the slot written
   */
  @Benchmark
  public int v2Write() {
    return v2.write(nextRequest());
  }

  /**
   * The same request written to the v1 branch.
   *
   * @return the slot written
   */
  @Benchmark
  public int v1Baseline() {
    return v1.write(nextRequest());
  }
}
