package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the default redactor costs a checkpoint write, stated as the goal is (issue 19: redaction
 * at most 10% of a write): a v1 write of a 200 KB agent transcript ({@link AgentTranscripts}:
 * prompts, markdown, tool calls, shell commands, file edits, tool results holding source files,
 * now and then an image and a credential) with the default redactor, against the same write
 * without redaction (want a speed ratio of at least 0.9), and the redaction of that transcript
 * alone against the write without redaction (want at least 10).
 *
 * <p>Each write stamps a fresh id into the transcript's first line, so its 200 KB blob is new
 * and is hashed and deflated as in real use; the redacted bytes differ per write for the same
 * reason. The transcript holds a secret (set-up checks that the redactor replaces something), so
 * the redacted copy is made as in real use. The repository holds 100 checkpoints before the
 * run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RedactionShareBenchmark {
  /** The transcript's size in bytes. */
  public static final int SIZE = 200 * 1024;
  private static final String STAMPED_MEMBER = "\"parentUuid\":\"";
  private static final int STAMP_LENGTH = 12;

  private BenchRepository bench;
  private JGitCheckpointStore plainStore;
  private JGitCheckpointStore redactingStore;
  private Redactor redactor;
  private byte[] transcript;
  private int stampAt;
  private long next;

  /** Prepares the repository, the two stores and the transcript. */
  @Setup(Level.Trial)
  public void prepare() {
    bench = BenchRepository.withCheckpoints(100);
    plainStore = JGitCheckpointStore.builder(bench.repository).redactor(Redactor.none()).build();
    redactor = Redactor.defaults();
    redactingStore = JGitCheckpointStore.builder(bench.repository).redactor(redactor).build();
    // seed 7: 64 lines, two inline images and one password among them
    transcript = AgentTranscripts.jsonl(SIZE, new SplittableRandom(7));
    if (redactor.redactTranscript(transcript) == transcript) {
      throw new IllegalStateException("the benchmark transcript holds no secret to redact");
    }
    String head = new String(transcript, 0, 512, StandardCharsets.UTF_8);
    int member = head.indexOf(STAMPED_MEMBER);
    if (member < 0) {
      throw new IllegalStateException("the first line has no " + STAMPED_MEMBER);
    }
    stampAt = member + STAMPED_MEMBER.length();
  }

  /** Removes the repository. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    bench.close();
  }

  /**
   * A v1 write with the default redactor.
   *
   * @return the slot written
   */
  @Benchmark
  public int writeWithDefaultRedactor() {
    return write(redactingStore);
  }

  /**
   * The baseline: the same write without redaction.
   *
   * @return the slot written
   */
  @Benchmark
  public int writeWithoutRedaction() {
    return write(plainStore);
  }

  /**
   * The default redactor alone over the same transcript.
   *
   * @return the redacted bytes
   */
  @Benchmark
  public byte[] redactTranscript() {
    freshId();
    return redactor.redactTranscript(transcript);
  }

  private int write(JGitCheckpointStore target) {
    return target.write(WriteRequest.builder(CheckpointId.parse(freshId()),
            AgentSessionId.of("bench-session"))
        .author(Author.of("Bench", "bench@example.com")).agent("Claude Code")
        .transcript(Transcript.of(transcript)).prompts(List.of("do the thing"))
        .filesTouched(List.of("src/App.java")).checkpointsCount(1).build());
  }

  /** A new checkpoint id spread over the shards, stamped into the first line's parent uuid. */
  private String freshId() {
    next++;
    String id = String.format("%012x", (next * 0x9E3779B97F4A7C15L) >>> 16);
    System.arraycopy(id.getBytes(StandardCharsets.US_ASCII), 0, transcript, stampAt,
        STAMP_LENGTH);
    return id;
  }
}
