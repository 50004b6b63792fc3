package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
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
 * Listing every checkpoint and reading one session back, on a v1 branch holding {@code existing}
 * checkpoints, against raw JGit baselines: a walk that only opens each checkpoint's two metadata
 * blobs ({@code listBaseline}) and a {@code TreeWalk.forPath} read of the three files of one
 * session ({@code readOneBaseline}).
 *
 * <p>{@code listBaseline} is a floor, not an equivalent: it reads the same two blobs per
 * checkpoint that a list entry needs (the summary and the latest session's metadata) but neither
 * parses them nor validates the ids, nor builds and sorts the entries newest first, all of which
 * the API requires ({@code CheckpointListEntry} carries the creation time, agent and session id
 * from the session metadata and the counts and files from the summary). Its ratio to
 * {@code list} therefore includes the cost of decoding 2 × {@code existing} JSON documents.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class CheckpointReadBenchmark {
  @Param({"10000"})
  public int existing;

  private BenchRepository bench;
  private JGitCheckpointStore store;
  private CheckpointId target;

  /** Prepares the repository and the store. */
  @Setup(Level.Trial)
  public void prepare() {
    bench = BenchRepository.withCheckpoints(existing);
    store = JGitCheckpointStore.builder(bench.repository).build();
    target = CheckpointId.parse(BenchRepository.preparedId(existing / 2));
  }

  /** Removes the repository. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    bench.close();
  }

  /**
   * The store's listing, newest first.
   *
   * @return the entries
   */
  @Benchmark
  public List<CheckpointListEntry> list() {
    return store.list();
  }

  /**
   * Raw JGit: walk every checkpoint and load its summary and session metadata blobs.
   *
   * @param hole consumes the bytes
   * @throws IOException if JGit fails
   */
  @Benchmark
  public void listBaseline(Blackhole hole) throws IOException {
    try (ObjectReader reader = bench.repository.newObjectReader();
        RevWalk walk = new RevWalk(reader);
        TreeWalk tree = new TreeWalk(reader)) {
      ObjectId tip = bench.repository.exactRef(BenchRepository.V1_BRANCH).getObjectId();
      tree.addTree(walk.parseCommit(tip).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        if (tree.getNameString().equals("metadata.json")) {
          hole.consume(reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes());
        }
      }
    }
  }

  /**
   * The store reading one session (metadata, transcript, prompts).
   *
   * @return the session
   */
  @Benchmark
  public SessionContent readOne() {
    return store.readSession(target, 0).orElseThrow();
  }

  /**
   * Raw JGit: three {@code TreeWalk.forPath} lookups and blob loads.
   *
   * @param hole consumes the bytes
   * @throws IOException if JGit fails
   */
  @Benchmark
  public void readOneBaseline(Blackhole hole) throws IOException {
    String base = target.shardedPath() + "/0/";
    try (ObjectReader reader = bench.repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId tip = bench.repository.exactRef(BenchRepository.V1_BRANCH).getObjectId();
      var root = walk.parseCommit(tip).getTree();
      for (String name : new String[] {"metadata.json", "full.jsonl", "prompt.txt"}) {
        try (TreeWalk found = TreeWalk.forPath(reader, base + name, root)) {
          hole.consume(reader.open(found.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes());
        }
      }
    }
  }
}
