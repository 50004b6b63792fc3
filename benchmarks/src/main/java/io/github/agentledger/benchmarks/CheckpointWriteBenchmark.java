package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Writing one checkpoint with a 200 KB transcript onto a v1 branch that already holds
 * {@code existing} checkpoints, on disk. {@code store} is {@link JGitCheckpointStore};
 * {@code minimalJGit} inserts the same blobs (the content hash computed, as any writer must), does
 * the same root → shard → checkpoint surgery, the commit and a CAS ref update with nothing else
 * (the floor for any JGit store); {@code gitCliPlumbing} does the same through {@code git hash-object/mktree/commit-tree/update-ref} processes. The
 * store's cost should stay flat as {@code existing} grows.
 *
 * <p>{@code store} runs without redaction, like the baselines; {@code storeWithDefaultRedactor}
 * adds the cost of the default secret detector on the same transcript.
 *
 * <p>Every operation, whichever writer, writes a transcript of its own: the write's checkpoint
 * id is stamped into the first line, so the 200 KB blob is new and must be hashed and deflated
 * as in real use (with one shared transcript, every writer after the first write would find the
 * blob already stored and skip it, and the benchmark would measure trees and refs only). Fresh
 * ids are spread over the 256 shards as random ids are ({@link CheckpointId#generate}), so a
 * shard holds about {@code existing / 256} checkpoints rather than every write of the run piling
 * into one shard. All writers share the repository; {@code minimalJGit} deflates its loose
 * objects at JGit's default {@code core.compression} (zlib level 6), {@code gitCliPlumbing} at
 * git's own loose-object level (1).
 *
 * <p>The floor the store is held to is {@code minimalJGitLevel1}: the same minimal writer with
 * JGit's inserter at zlib level 1 (a second repository object on the same directory, with
 * {@code core.compression = 1} in memory only), since the store writes loose objects at git's
 * loose-object level. {@code minimalJGitPackLevel1} is the option the store did not take: the
 * minimal writer putting each write's objects into one small pack at level 1 (JGit's
 * {@code PackInserter}); its packs accumulate over the run, as they would in a repository.
 *
 * <p>{@code storeV2} is the steady v2 write of the same request ({@link CheckpointLayout#V2}, its
 * default threshold of 100 checkpoints a generation, so one write in a hundred also rotates): a
 * commit on {@code /main} (summary, session metadata, prompt) and one on {@code /full/current}
 * (transcript, hash, {@code generation.json}), each ref moved by its own compare-and-swap on
 * disk. Its floor is {@code minimalJGitTwoRefsLevel1}: the level-1 minimal writer making the same
 * two commits on two refs of its own (the transcript on one, metadata and prompt on the other),
 * with the same surgery and one compare-and-swap each. Both start from refs without checkpoints;
 * {@code existing} only sizes the v1 branch beside them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class CheckpointWriteBenchmark {
  private static final String FLOOR_MAIN = "refs/bench/floor/v2/main";
  private static final String FLOOR_FULL = "refs/bench/floor/v2/full";

  @Param({"100", "1000", "10000"})
  public int existing;

  private BenchRepository bench;
  private JGitCheckpointStore store;
  private JGitCheckpointStore redactingStore;
  private MinimalJGitWriter minimal;
  private MinimalJGitWriter minimalLevel1;
  private MinimalJGitWriter minimalPackLevel1;
  private JGitCheckpointStore v2Store;
  private GitCliWriter cli;
  private byte[] transcript;
  private int stampAt;
  private long next;

  /** Prepares the repository and the writers. */
  @Setup(Level.Trial)
  public void prepare() {
    bench = BenchRepository.withCheckpoints(existing);
    store = JGitCheckpointStore.builder(bench.repository).redactor(Redactor.none()).build();
    redactingStore = JGitCheckpointStore.builder(bench.repository).build();
    minimal = new MinimalJGitWriter(bench.repository);
    minimalLevel1 = new MinimalJGitWriter(bench.repository, FloorInserter.JGIT_LEVEL_1);
    minimalPackLevel1 = new MinimalJGitWriter(bench.repository,
        FloorInserter.PACK_PER_WRITE_LEVEL_1);
    cli = new GitCliWriter(bench.directory);
    v2Store = JGitCheckpointStore.builder(bench.repository).layout(CheckpointLayout.V2)
        .redactor(Redactor.none()).build();
    transcript = Transcripts.jsonl(200 * 1024, new SplittableRandom(7));
    stampAt = Transcripts.firstUuidOffset(transcript, 12);
  }

  /** Removes the repository. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    minimalLevel1.close();
    bench.close();
  }

  /**
   * A new checkpoint id, spread over the shards, stamped into the transcript so that this
   * write's transcript differs from every other one.
   */
  private String freshId() {
    next++;
    String id = String.format("%012x", (next * 0x9E3779B97F4A7C15L) >>> 16);
    System.arraycopy(id.getBytes(StandardCharsets.US_ASCII), 0, transcript, stampAt, 12);
    return id;
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

  /**
   * The steady v2 write: {@code /full/current} and {@code /main}, rotating once per 100 writes.
   *
   * @return the slot written
   */
  @Benchmark
  public int storeV2() {
    return write(v2Store);
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
   * The level-1 floor: the minimal writer with JGit's loose-object inserter at zlib level 1.
   *
   * @return the new commit name
   * @throws IOException if JGit fails
   */
  @Benchmark
  public String minimalJGitLevel1() throws IOException {
    return minimalLevel1.write(freshId(), transcript);
  }

  /**
   * The two-ref level-1 floor of a v2 write: one commit with the transcript on one ref, one with
   * metadata and prompt on another, each moved by one compare-and-swap.
   *
   * @return the new commit name of the metadata ref
   * @throws IOException if JGit fails
   */
  @Benchmark
  public String minimalJGitTwoRefsLevel1() throws IOException {
    return minimalLevel1.writeTwoRefs(freshId(), transcript, FLOOR_MAIN, FLOOR_FULL);
  }

  /**
   * The minimal writer storing each write as one small pack at zlib level 1.
   *
   * @return the new commit name
   * @throws IOException if JGit fails
   */
  @Benchmark
  public String minimalJGitPackLevel1() throws IOException {
    return minimalPackLevel1.write(freshId(), transcript);
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
