package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
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
 * Finding a checkpoint's transcript when it lives in the oldest of 50 archived generations of 100
 * checkpoints each (a 1 KB transcript per slot), on disk: the reader searches
 * {@code /full/current}, then the archives newest first, following one tree path per generation.
 * {@code storeReadSession} is the whole read (metadata and prompts from {@code /main}, the
 * transcript from the generations); {@code storeGenerationOf} only locates the generation;
 * {@code rawJGitPathLookup} is the floor: {@code TreeWalk.forPath} on each generation in the same
 * order, then reading the one blob.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class ArchivedTranscriptLookupBenchmark {
  private static final int ARCHIVES = 50;
  private static final int PER_GENERATION = 100;
  private static final String PREFIX = "refs/entire/checkpoints/v2/full/";

  private BenchRepository bench;
  private JGitCheckpointStore store;
  private CheckpointId target;
  private String[] searchOrder;

  /** Builds the archives, {@code /full/current} and {@code /main}. */
  @Setup(Level.Trial)
  public void prepare() {
    bench = BenchRepository.withCheckpoints(0);
    try {
      populate(bench.repository);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    target = CheckpointId.parse(idOf(1, 0));
    searchOrder = new String[ARCHIVES + 1];
    searchOrder[0] = PREFIX + "current";
    for (int i = 0; i < ARCHIVES; i++) {
      searchOrder[i + 1] = PREFIX + String.format("%013d", ARCHIVES - i);
    }
    store = JGitCheckpointStore.builder(bench.repository).layout(CheckpointLayout.V2).build();
  }

  /** Removes the repository. */
  @TearDown(Level.Trial)
  public void cleanUp() {
    bench.close();
  }

  private static String idOf(int generation, int index) {
    long mixed = ((generation * 1000L + index) * 0x9E3779B97F4AL + 0x5555L) & 0xFFFF_FFFF_FFFFL;
    return String.format("%012x", mixed);
  }

  private static void populate(Repository repository) throws IOException {
    byte[] transcript = Transcripts.jsonl(1024, new SplittableRandom(3));
    Map<String, ObjectId> refs = new TreeMap<>();
    try (PackInserter inserter = ((FileRepository) repository).getObjectDatabase()
        .newPackInserter()) {
      ObjectId transcriptBlob = inserter.insert(Constants.OBJ_BLOB, transcript);
      ObjectId hashBlob = inserter.insert(Constants.OBJ_BLOB,
          "sha256:0000".getBytes(StandardCharsets.UTF_8));
      for (int g = 1; g <= ARCHIVES + 1; g++) {
        Map<String, Map<String, ObjectId>> shards = new TreeMap<>();
        for (int i = 0; i < (g > ARCHIVES ? 10 : PER_GENERATION); i++) {
          String id = idOf(g, i);
          TreeFormatter slot = new TreeFormatter();
          slot.append("content_hash.txt", FileMode.REGULAR_FILE, hashBlob);
          slot.append("full.jsonl", FileMode.REGULAR_FILE, transcriptBlob);
          TreeFormatter checkpoint = new TreeFormatter();
          checkpoint.append("0", FileMode.TREE, inserter.insert(slot));
          shards.computeIfAbsent(id.substring(0, 2), k -> new TreeMap<>())
              .put(id.substring(2), inserter.insert(checkpoint));
        }
        String ref = g > ARCHIVES ? PREFIX + "current" : PREFIX + String.format("%013d", g);
        refs.put(ref, commit(inserter, tree(inserter, shards, Optional.of(
            "{\n  \"checkpoints\": []\n}\n"))));
      }
      String id = idOf(1, 0);
      TreeFormatter slot = new TreeFormatter();
      slot.append("metadata.json", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
          Transcripts.sessionMetadata(id, "2026-01-01T00:00:00Z")));
      TreeFormatter checkpoint = new TreeFormatter();
      checkpoint.append("0", FileMode.TREE, inserter.insert(slot));
      checkpoint.append("metadata.json", FileMode.REGULAR_FILE,
          inserter.insert(Constants.OBJ_BLOB, Transcripts.summary(id)));
      Map<String, Map<String, ObjectId>> main = new TreeMap<>();
      main.computeIfAbsent(id.substring(0, 2), k -> new TreeMap<>())
          .put(id.substring(2), inserter.insert(checkpoint));
      refs.put("refs/entire/checkpoints/v2/main",
          commit(inserter, tree(inserter, main, Optional.empty())));
      inserter.flush();
    }
    for (Map.Entry<String, ObjectId> ref : refs.entrySet()) {
      setRef(repository, ref.getKey(), ref.getValue());
    }
  }

  private static ObjectId tree(PackInserter inserter, Map<String, Map<String, ObjectId>> shards,
      Optional<String> generation) throws IOException {
    TreeFormatter root = new TreeFormatter();
    for (Map.Entry<String, Map<String, ObjectId>> shard : shards.entrySet()) {
      TreeFormatter shardTree = new TreeFormatter();
      shard.getValue().forEach((name, tree) -> shardTree.append(name, FileMode.TREE, tree));
      root.append(shard.getKey(), FileMode.TREE, inserter.insert(shardTree));
    }
    if (generation.isPresent()) {
      root.append("generation.json", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
          generation.get().getBytes(StandardCharsets.UTF_8)));
    }
    return inserter.insert(root);
  }

  private static ObjectId commit(PackInserter inserter, ObjectId tree) throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    PersonIdent ident = new PersonIdent("Bench", "bench@example.com",
        Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    commit.setAuthor(ident);
    commit.setCommitter(ident);
    commit.setMessage("prepared");
    return inserter.insert(commit);
  }

  private static void setRef(Repository repository, String ref, ObjectId id) throws IOException {
    RefUpdate update = repository.updateRef(ref);
    update.setNewObjectId(id);
    update.setExpectedOldObjectId(ObjectId.zeroId());
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW) {
      throw new IllegalStateException("could not prepare " + ref + ": " + result);
    }
  }

  /**
   * The whole session read through the store.
   *
   * @return the session
   */
  @Benchmark
  public SessionContent storeReadSession() {
    return store.readSession(target, 0).orElseThrow();
  }

  /**
   * Locating the generation through the store.
   *
   * @return the generation
   */
  @Benchmark
  public GenerationLocation storeGenerationOf() {
    return store.generationOf(target).orElseThrow();
  }

  /**
   * The JGit floor: one path lookup per generation in search order, then the blob.
   *
   * @return the transcript bytes
   * @throws IOException if JGit fails
   */
  @Benchmark
  public byte[] rawJGitPathLookup() throws IOException {
    Repository repository = bench.repository;
    String path = target.value().substring(0, 2) + "/" + target.value().substring(2)
        + "/0/full.jsonl";
    try (RevWalk walk = new RevWalk(repository)) {
      for (String name : searchOrder) {
        Ref ref = repository.exactRef(name);
        try (TreeWalk tree = TreeWalk.forPath(repository, path,
            walk.parseCommit(ref.getObjectId()).getTree())) {
          if (tree != null) {
            ObjectLoader loader = repository.open(tree.getObjectId(0));
            return loader.getCachedBytes();
          }
        }
      }
    }
    throw new IllegalStateException("not found: " + path);
  }
}
