package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointDurability;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of {@link CheckpointDurability#FSYNC}: the same v1 write (200 KB transcript, 1 000
 * existing checkpoints, no redaction) with nothing forced ({@code none}, the baseline) and with
 * every written object, the ref and their directories forced ({@code fsync}), in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class CheckpointDurabilityBenchmark {
  private BenchRepository bench;
  private JGitCheckpointStore none;
  private JGitCheckpointStore fsync;
  private byte[] transcript;
  private int stampAt;
  private long next;

  /** Prepares the repository and both stores. */
  @Setup(Level.Trial)
  public void prepare() {
    bench = BenchRepository.withCheckpoints(1000);
    none = JGitCheckpointStore.builder(bench.repository).redactor(Redactor.none())
        .durability(CheckpointDurability.NONE).build();
    fsync = JGitCheckpointStore.builder(bench.repository).redactor(Redactor.none())
        .durability(CheckpointDurability.FSYNC).build();
    transcript = Transcripts.jsonl(200 * 1024, new SplittableRandom(7));
    stampAt = Transcripts.firstUuidOffset(transcript, 12);
  }

  /** Removes the repository. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    bench.close();
  }

  /**
   * A write that forces nothing.
   *
   * @return the slot written
   */
  @Benchmark
  public int none() {
    return write(none);
  }

  /**
   * A write that forces its objects and its ref.
   *
   * @return the slot written
   */
  @Benchmark
  public int fsync() {
    return write(fsync);
  }

  private int write(JGitCheckpointStore target) {
    next++;
    String id = String.format("%012x", (next * 0x9E3779B97F4A7C15L) >>> 16);
    System.arraycopy(id.getBytes(StandardCharsets.US_ASCII), 0, transcript, stampAt, 12);
    return target.write(WriteRequest.builder(CheckpointId.parse(id),
            AgentSessionId.of("bench-session"))
        .author(Author.of("Bench", "bench@example.com")).agent("Claude Code")
        .transcript(Transcript.of(transcript)).prompts(List.of("do the thing")).build());
  }
}
