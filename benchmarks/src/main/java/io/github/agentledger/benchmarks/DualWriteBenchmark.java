package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
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
 * A {@code DUAL_WRITE} write against a {@code V1} write of the same checkpoint, both with the
 * default redactor: what writing the v2 layout as well costs. Each store has a repository of its
 * own whose v1 branch already holds 1 000 checkpoints; the dual-write store rotates its v2
 * generation at the default threshold (every hundredth write, included in the figure).
 *
 * <p>As in {@link CheckpointWriteBenchmark}, every write's 200 KB transcript is new (the
 * checkpoint id is stamped into its first line), so it is redacted, hashed and deflated as in
 * real use. The target is a dual write at most 1.3 times a v1 write: the transcript, prompts and
 * summary are redacted and inserted once and placed in both layouts, so what remains is the
 * second ref's trees, commit and {@code generation.json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class DualWriteBenchmark {
  private static final int EXISTING = 1000;

  private BenchRepository v1Repository;
  private BenchRepository dualRepository;
  private JGitCheckpointStore v1;
  private JGitCheckpointStore dual;
  private byte[] transcript;
  private int stampAt;
  private long next;

  /** Prepares both repositories and stores. */
  @Setup(Level.Trial)
  public void prepare() {
    v1Repository = BenchRepository.withCheckpoints(EXISTING);
    dualRepository = BenchRepository.withCheckpoints(EXISTING);
    v1 = JGitCheckpointStore.builder(v1Repository.repository).build();
    dual = JGitCheckpointStore.builder(dualRepository.repository)
        .layout(CheckpointLayout.DUAL_WRITE).build();
    transcript = Transcripts.jsonl(200 * 1024, new SplittableRandom(7));
    stampAt = Transcripts.firstUuidOffset(transcript, 12);
  }

  /** Removes the repositories. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    v1Repository.close();
    dualRepository.close();
  }

  /**
   * A {@code DUAL_WRITE} write.
   *
   * @return the slot written
   */
  @Benchmark
  public int dualWrite() {
    return write(dual);
  }

  /**
   * The baseline: a {@code V1} write of the same checkpoint.
   *
   * @return the slot written
   */
  @Benchmark
  public int v1Write() {
    return write(v1);
  }

  private int write(JGitCheckpointStore target) {
    next++;
    String id = String.format("%012x", (next * 0x9E3779B97F4A7C15L) >>> 16);
    System.arraycopy(id.getBytes(StandardCharsets.US_ASCII), 0, transcript, stampAt, 12);
    return target.write(WriteRequest.builder(CheckpointId.parse(id),
            AgentSessionId.of("bench-session"))
        .author(Author.of("Bench", "bench@example.com")).agent("Claude Code")
        .transcript(Transcript.of(transcript)).prompts(List.of("do the thing"))
        .filesTouched(List.of("src/App.java")).checkpointsCount(1).build());
  }
}
