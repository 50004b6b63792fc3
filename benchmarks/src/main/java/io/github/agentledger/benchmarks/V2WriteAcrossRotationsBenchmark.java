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
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
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
 * The cost of a v2 write (20 KB transcript, on disk) against the number of archived generations
 * that already exist ({@code archives}: 0, 10 or 50, each archive holding two checkpoints). Each
 * invocation writes a new checkpoint. {@code v2Write} is a store with the default threshold (100
 * checkpoints a generation), so it rotates as a real store does, on one write in a hundred: it
 * is the write across rotations, and it must not grow with {@code archives} nor with the length
 * of the run (a store that never rotated would let {@code /full/current} and its
 * {@code generation.json} grow without bound, which no real store does). {@code v2RotatingWrite}
 * rotates on every write (a store with one checkpoint per generation): its excess over a write
 * that does not rotate is the rotation itself (an archive ref, an orphan seed commit and one
 * atomic ref batch). Every archive a write creates is deleted after its invocation, outside the
 * measurement, so the count stays at {@code archives}.
 * {@code v1Baseline} writes the same request to the v1 branch in the same run: the v2 write does
 * two ref updates where v1 does one. {@code minimalJGitLevel1} is the level-1 floor: the minimal
 * JGit writer ({@link MinimalJGitWriter}, JGit's loose-object inserter at zlib level 1) adding the
 * same transcript as one v1 checkpoint (one commit, one ref: the v2 write makes two of each).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class V2WriteAcrossRotationsBenchmark {
  private static final String ARCHIVE_PREFIX = "refs/entire/checkpoints/v2/full/";
  private static final int SEED_PER_GENERATION = 2;

  @Param({"0", "10", "50"})
  public int archives;

  private BenchRepository v2Repository;
  private BenchRepository v1Repository;
  private JGitCheckpointStore steady;
  private JGitCheckpointStore rotating;
  private JGitCheckpointStore v1;
  private MinimalJGitWriter floor;
  private byte[] transcript;
  private long next;

  /** Prepares the v2 repository with {@code archives} archives, and an empty v1 repository. */
  @Setup(Level.Trial)
  public void prepare() {
    v2Repository = BenchRepository.withCheckpoints(0);
    v1Repository = BenchRepository.withCheckpoints(0);
    JGitCheckpointStore seeding = v2(SEED_PER_GENERATION);
    byte[] small = Transcripts.jsonl(1024, new SplittableRandom(5));
    for (int i = 0; i < archives * SEED_PER_GENERATION; i++) {
      seeding.write(request(small));
    }
    steady = JGitCheckpointStore.builder(v2Repository.repository).layout(CheckpointLayout.V2)
        .redactor(Redactor.none()).build();
    rotating = v2(1);
    v1 = JGitCheckpointStore.builder(v1Repository.repository).redactor(Redactor.none()).build();
    floor = new MinimalJGitWriter(v1Repository.repository, FloorInserter.JGIT_LEVEL_1);
    transcript = Transcripts.jsonl(20 * 1024, new SplittableRandom(11));
    if (steady.archivedGenerations().size() != archives) {
      throw new IllegalStateException("expected " + archives + " archives, found "
          + steady.archivedGenerations().size());
    }
  }

  /** Removes the repositories. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    floor.close();
    v2Repository.close();
    v1Repository.close();
  }

  /** Deletes any archive a rotating write added, so every invocation sees {@code archives}. */
  @TearDown(Level.Invocation)
  public void dropNewArchives() throws IOException {
    for (Ref ref : v2Repository.repository.getRefDatabase()
        .getRefsByPrefix(ARCHIVE_PREFIX)) {
      String suffix = ref.getName().substring(ARCHIVE_PREFIX.length());
      if (suffix.matches("\\d{13}") && Long.parseLong(suffix) > archives) {
        RefUpdate delete = v2Repository.repository.updateRef(ref.getName());
        delete.setForceUpdate(true);
        RefUpdate.Result result = delete.delete();
        if (result != RefUpdate.Result.FORCED) {
          throw new UncheckedIOException(new IOException("deleting " + ref.getName()
              + " failed: " + result));
        }
      }
    }
  }

  private JGitCheckpointStore v2(int maxPerGeneration) {
    return JGitCheckpointStore.builder(v2Repository.repository).layout(CheckpointLayout.V2)
        .redactor(Redactor.none()).maxCheckpointsPerGeneration(maxPerGeneration).build();
  }

  private WriteRequest request(byte[] bytes) {
    next++;
    String id = String.format("%012x", (0xA00000000000L + next * 0x2F3D5B79L) & 0xFFFF_FFFF_FFFFL);
    return WriteRequest.builder(CheckpointId.parse(id), AgentSessionId.of("bench-session"))
        .author(Author.of("Bench", "bench@example.com")).agent("Claude Code")
        .transcript(Transcript.of(bytes)).prompts(List.of("do the thing")).build();
  }

  /**
   * A v2 write at the default threshold (one write in a hundred rotates), with {@code archives}
   * archives present.
   *
   * @return the slot written
   */
  @Benchmark
  public int v2Write() {
    return steady.write(request(transcript));
  }

  /**
   * A v2 write that rotates its generation, with {@code archives} archives present.
   *
   * @return the slot written
   */
  @Benchmark
  public int v2RotatingWrite() {
    return rotating.write(request(transcript));
  }

  /**
   * The same request written to the v1 branch.
   *
   * @return the slot written
   */
  @Benchmark
  public int v1Baseline() {
    return v1.write(request(transcript));
  }

  /**
   * The level-1 floor: the same transcript as one v1 checkpoint through the minimal JGit writer.
   *
   * @return the new commit name
   * @throws IOException if JGit fails
   */
  @Benchmark
  public String minimalJGitLevel1() throws IOException {
    next++;
    String id = String.format("%012x", (0xB00000000000L + next * 0x2F3D5B79L) & 0xFFFF_FFFF_FFFFL);
    return floor.write(id, transcript);
  }
}
