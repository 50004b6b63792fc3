package io.github.agentledger.benchmarks;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UlidGenerator;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The git-refs layout at scale: a repository already holding {@code existing} checkpoint refs
 * ({@code refs/entire/checkpoints/<shard>/<ULID>}, each a commit of a real checkpoint directory),
 * stored as loose ref files, packed into {@code packed-refs} as {@code git pack-refs --all}
 * leaves them, or in a reftable written by JGit ({@code refs}).
 *
 * <ul>
 *   <li>{@code gitRefsWrite}: one new checkpoint (a 200 KB transcript, a new ULID) through the
 *       store: ref lookup (both shard spellings), orphan commit, CAS on a new loose ref, and the
 *       push queue (appended and forced twice). Its cost should not grow with {@code existing}.
 *   <li>{@code v1Write}: the baseline, the same checkpoint written by the v1 store onto a branch
 *       holding {@code existing} checkpoints, in a repository of its own ({@code refs} does not
 *       apply to it; run it with one value).
 *   <li>{@code minimalJGitLevel1}: the floor, the minimal JGit writer ({@link MinimalJGitWriter},
 *       JGit's loose-object inserter at zlib level 1) adding the same transcript as a v1
 *       checkpoint to a branch holding {@code existing} (like {@code v1Write}, in a repository of
 *       its own; run it with one {@code refs} value).
 *   <li>{@code gitRefsList}: {@code list()} of every checkpoint (per ref: the commit, the summary
 *       and the latest session's metadata); divide by {@code existing} for the cost per
 *       checkpoint. Baseline {@code v1List}: the v1 store listing a branch of as many.
 * </ul>
 *
 * <p>Preparing 100 000 refs writes every object into one pack and the refs as files (or one
 * {@code packed-refs} file) directly, so it takes seconds, not the hours 100 000 commits through
 * a store would; the files are then synced to disk ({@code sync}) so that their write-back does
 * not fall into the measured writes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class GitRefsScaleBenchmark {
  /** How the prepared refs are stored. */
  public enum RefStorage {
    /** One file per ref under {@code .git/refs/}. */
    LOOSE,
    /** Every ref in {@code .git/packed-refs}, as after {@code git pack-refs --all}. */
    PACKED,
    /**
     * A reftable ({@code extensions.refStorage = reftable}): the repository is converted by JGit
     * before the refs are written in one batch, so they land in one table.
     */
    REFTABLE
  }

  @Param({"1000", "10000", "100000"})
  public int existing;

  @Param({"LOOSE", "PACKED", "REFTABLE"})
  public RefStorage refs = RefStorage.LOOSE;

  // Set up for the git-refs methods or for the v1 baselines: each trial sets one side.
  private @Nullable Path directory;
  private @Nullable Repository repository;
  private @Nullable JGitCheckpointStore store;
  private @Nullable BenchRepository v1;
  private @Nullable JGitCheckpointStore v1Store;
  private @Nullable MinimalJGitWriter floor;
  private UlidGenerator ids;
  private byte[] transcript;
  private int stampAt;
  private long next;

  /**
   * Prepares the repository the benchmark method uses (the git-refs one, or the v1 baseline's).
   *
   * @param params which benchmark runs
   * @throws IOException if the repository cannot be written
   */
  @Setup(Level.Trial)
  public void prepare(BenchmarkParams params) throws IOException {
    ids = UlidGenerator.create(Clock.systemUTC(), new SplittableRandom(11));
    transcript = Transcripts.jsonl(200 * 1024, new SplittableRandom(7));
    stampAt = Transcripts.firstUuidOffset(transcript, 12);
    String method = params.getBenchmark();
    if (method.endsWith(".v1Write") || method.endsWith(".v1List")
        || method.endsWith(".minimalJGitLevel1")) {
      v1 = BenchRepository.withCheckpoints(existing);
      v1Store = JGitCheckpointStore.builder(v1.repository).redactor(Redactor.none()).build();
      floor = new MinimalJGitWriter(v1.repository, FloorInserter.JGIT_LEVEL_1);
      return;
    }
    directory = Files.createTempDirectory("agentledger-gitrefs-bench");
    Repository created = FileRepositoryBuilder.create(directory.resolve(".git").toFile());
    created.create();
    if (refs == RefStorage.REFTABLE) {
      ((FileRepository) created).convertRefStorage("reftable", false, false);
      created.close();
      created = new FileRepositoryBuilder().setGitDir(directory.resolve(".git").toFile())
          .build();
    }
    populate(created, directory.resolve(".git"), existing, refs);
    created.close();
    flushToDisk();
    repository = new FileRepositoryBuilder().setGitDir(directory.resolve(".git").toFile())
        .build();
    store = JGitCheckpointStore.builder(repository).layout(CheckpointLayout.GIT_REFS)
        .redactor(Redactor.none()).build();
  }

  /**
   * Has the kernel write the prepared files out before anything is measured: 100 000 loose ref
   * files just created are otherwise written back during the measured writes, whose forces then
   * wait for them (a cost of the setup, not of a write).
   */
  private static void flushToDisk() throws IOException {
    try {
      int exit = new ProcessBuilder("sync").inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IOException("sync exited with " + exit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for sync", e);
    }
  }

  /**
   * Removes the repository.
   *
   * @throws IOException if it cannot be removed
   */
  @TearDown(Level.Trial)
  public void cleanUp() throws IOException {
    if (v1 != null) {
      Objects.requireNonNull(floor, "set up with the v1 baselines").close();
      v1.close();
      return;
    }
    Objects.requireNonNull(repository, "set up for the git-refs methods").close();
    try (Stream<Path> paths = Files.walk(
        Objects.requireNonNull(directory, "set up for the git-refs methods"))) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private JGitCheckpointStore gitRefsStore() {
    return Objects.requireNonNull(store, "set up for the git-refs methods");
  }

  private JGitCheckpointStore v1Store() {
    return Objects.requireNonNull(v1Store, "set up for the v1 baselines");
  }

  /**
   * A new ULID checkpoint through the git-refs store.
   *
   * @return the slot written
   */
  @Benchmark
  public int gitRefsWrite() {
    return write(gitRefsStore(), ids.next());
  }

  /**
   * The same checkpoint through the v1 store (baseline), with a hex id.
   *
   * @return the slot written
   */
  @Benchmark
  public int v1Write() {
    next++;
    return write(v1Store(), CheckpointId.parse(
        String.format("%012x", (next * 0x9E3779B97F4A7C15L) >>> 16)));
  }

  /**
   * The level-1 floor: the minimal JGit writer adds the same transcript as a v1 checkpoint.
   *
   * @return the new commit name
   * @throws IOException if JGit fails
   */
  @Benchmark
  public String minimalJGitLevel1() throws IOException {
    next++;
    String id = String.format("%012x", (next * 0x9E3779B97F4A7C15L) >>> 16);
    System.arraycopy(id.getBytes(StandardCharsets.US_ASCII), 0, transcript, stampAt, 12);
    return Objects.requireNonNull(floor, "set up for the floor").write(id, transcript);
  }

  /**
   * Lists every checkpoint.
   *
   * @return how many were listed
   */
  @Benchmark
  public int gitRefsList() {
    return gitRefsStore().list().size();
  }

  /**
   * Lists every checkpoint of the v1 branch holding as many (baseline of {@code gitRefsList}).
   *
   * @return how many were listed
   */
  @Benchmark
  public int v1List() {
    return v1Store().list().size();
  }

  private int write(JGitCheckpointStore target, CheckpointId id) {
    // The id's last 12 characters (a ULID's random part) make this write's transcript new.
    byte[] stamp = id.value().substring(id.value().length() - 12)
        .getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(stamp, 0, transcript, stampAt, stamp.length);
    return target.write(WriteRequest.builder(id, AgentSessionId.of("bench-session"))
        .author(Author.of("Bench", "bench@example.com")).agent("Claude Code")
        .transcript(Transcript.of(transcript)).prompts(List.of("do the thing"))
        .filesTouched(List.of("src/App.java")).checkpointsCount(1).build());
  }

  /** Writes {@code count} checkpoint commits into one pack and their refs as {@code storage}. */
  static void populate(Repository repository, Path gitDir, int count, RefStorage storage)
      throws IOException {
    UlidGenerator ulids = UlidGenerator.create(
        Clock.fixed(Instant.parse("2026-10-01T00:00:00Z"), ZoneOffset.UTC),
        new SplittableRandom(3));
    List<String[]> refs = new ArrayList<>(count);
    try (PackInserter inserter = ((FileRepository) repository).getObjectDatabase()
        .newPackInserter()) {
      byte[] body = Transcripts.jsonl(1024, new SplittableRandom(1));
      ObjectId transcriptBlob = inserter.insert(Constants.OBJ_BLOB, body);
      ObjectId hashBlob = inserter.insert(Constants.OBJ_BLOB, Transcripts.contentHash(body));
      ObjectId promptBlob = inserter.insert(Constants.OBJ_BLOB,
          "prompt".getBytes(StandardCharsets.UTF_8));
      PersonIdent ident = new PersonIdent("Bench", "bench@example.com",
          Instant.parse("2026-10-01T00:00:00Z"), ZoneOffset.UTC);
      for (int i = 0; i < count; i++) {
        CheckpointId id = ulids.next();
        String created = Instant.parse("2026-10-01T00:00:00Z").plusSeconds(i).toString();
        TreeFormatter session = new TreeFormatter();
        session.append("content_hash.txt", FileMode.REGULAR_FILE, hashBlob);
        session.append("full.jsonl", FileMode.REGULAR_FILE, transcriptBlob);
        session.append("metadata.json", FileMode.REGULAR_FILE, inserter.insert(
            Constants.OBJ_BLOB, Transcripts.sessionMetadata(id.value(), created)));
        session.append("prompt.txt", FileMode.REGULAR_FILE, promptBlob);
        TreeFormatter checkpoint = new TreeFormatter();
        checkpoint.append("0", FileMode.TREE, inserter.insert(session));
        checkpoint.append("metadata.json", FileMode.REGULAR_FILE,
            inserter.insert(Constants.OBJ_BLOB, Transcripts.summary(id.value())));
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(inserter.insert(checkpoint));
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage("Checkpoint: " + id + "\n");
        refs.add(new String[] {"refs/entire/checkpoints/" + id.refShard() + "/" + id,
            inserter.insert(commit).name()});
      }
      inserter.flush();
    }
    refs.sort(Comparator.comparing((String[] r) -> r[0]));
    if (storage == RefStorage.REFTABLE) {
      BatchRefUpdate batch = repository.getRefDatabase().newBatchUpdate();
      batch.setAllowNonFastForwards(true);
      for (String[] ref : refs) {
        batch.addCommand(new ReceiveCommand(ObjectId.zeroId(), ObjectId.fromString(ref[1]),
            ref[0]));
      }
      try (RevWalk walk = new RevWalk(repository)) {
        batch.execute(walk, NullProgressMonitor.INSTANCE);
      }
      for (ReceiveCommand command : batch.getCommands()) {
        if (command.getResult() != ReceiveCommand.Result.OK) {
          throw new IOException("writing " + command.getRefName() + " into the reftable: "
              + command.getResult());
        }
      }
      return;
    }
    if (storage == RefStorage.PACKED) {
      StringBuilder packed = new StringBuilder("# pack-refs with: peeled fully-peeled sorted \n");
      for (String[] ref : refs) {
        packed.append(ref[1]).append(' ').append(ref[0]).append('\n');
      }
      Files.writeString(gitDir.resolve("packed-refs"), packed, StandardCharsets.UTF_8);
      return;
    }
    for (String[] ref : refs) {
      Path file = gitDir.resolve(ref[0]);
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, ref[1] + "\n", StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
