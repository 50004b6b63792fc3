// Past 400 lines: the public entry type carries the format documentation and a builder whose every
// option is documented, as the javadoc build requires; the logic lives in the package-private
// stores it delegates to.
package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointSummaryHead;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.ListedCheckpoints;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.UnsupportedRepositoryException;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.Fsync;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.RepositoryChecks;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A {@link CheckpointStore} inside a git repository, in the Entire CLI's on-disk layout, built on
 * JGit.
 *
 * <p>Checkpoints live on refs of their own and never touch the working tree, the index or the
 * user's configuration. Every ref move is a compare-and-swap; a lost race is retried from a fresh
 * read of the tip through the {@link RetryPolicy}, so concurrent writers, in one process or
 * several, never lose each other's checkpoints. Transcripts, prompts and summaries pass through
 * the {@link Redactor} before they reach the object database. Instances are thread-safe; the
 * caller owns the {@link Repository} and closes it after the store is no longer used.
 *
 * <p>On-disk format ({@link CheckpointLayout#V1}): branch {@code refs/heads/entire/checkpoints/v1};
 * checkpoint {@code a3b2c4d5e6f7} under {@code a3/b2c4d5e6f7/} with a summary
 * {@code metadata.json} and one directory per session ({@code 0/}, {@code 1/}, …) holding
 * {@code metadata.json}, {@code full.jsonl} (chunked as {@code full.jsonl.001}, … above 50 MiB),
 * {@code content_hash.txt} ({@code sha256:<hex>}) and {@code prompt.txt}. JSON is written byte for
 * byte as Go's encoder writes it, so blob hashes match the Entire CLI's. Durability is git's: a
 * write returns after the objects are in the object database and the ref has moved.
 *
 * <p>On-disk format ({@link CheckpointLayout#V2}, the seed design of the Entire CLI's v2): the same
 * sharded checkpoint directories on {@code refs/entire/checkpoints/v2/main}, holding the summary,
 * session {@code metadata.json} (without {@code transcript_lines_at_start}) and
 * {@code prompt.txt}; the raw transcripts ({@code full.jsonl[.NNN]} + {@code content_hash.txt} per
 * slot) on {@code refs/entire/checkpoints/v2/full/current}, where checkpoints accumulate and a root
 * {@code generation.json} ({@code {"checkpoints": [...], "oldest_checkpoint_at": ...,
 * "newest_checkpoint_at": ...}}) records each checkpoint a write adds. Once the generation holds
 * {@link Builder#maxCheckpointsPerGeneration} checkpoints it is archived as
 * {@code refs/entire/checkpoints/v2/full/<13-digit number>} and {@code /full/current} restarts
 * from an orphan {@code Start generation} commit holding {@code {"checkpoints": []}}; a failed
 * rotation is logged as a warning and never fails the write (a completed one is logged at debug
 * level, through {@link System.Logger}). Finalising a checkpoint that was rotated out
 * updates its archive in place. Readers also accept the later upstream shape
 * ({@code raw_transcript[.NNN]} + {@code raw_transcript_hash.txt}, {@code generation.json} only
 * in archives, a compact {@code transcript.jsonl} on {@code /main}) and search a transcript in
 * {@code /full/current}, then in the archives newest first.
 *
 * <p>On-disk format ({@link CheckpointLayout#GIT_REFS}, the Entire CLI's default since 2026-09,
 * docs/git-refs-layout.md): one ref per checkpoint, {@code refs/entire/checkpoints/<last two characters of the
 * id>/<id>}, whose commit tree is the checkpoint directory itself (the files v1 keeps under
 * {@code <id[0:2]>/<id[2:]>/}, summary paths spelled {@code /0/metadata.json}); the first write is
 * an orphan commit and every later one a child of the tip. New ids are ULIDs
 * ({@link io.github.agentledger.checkpoint.UlidGenerator} on this builder's clock and random
 * source). A ULID is read from its ref only, a hex id from its ref and else from the v1 branch;
 * the listing unions both. Each write also records its ref in the push queue of the git common
 * directory, which {@link CheckpointSync#pushCheckpointRefs()} drains. A ref that is not a commit
 * of a checkpoint directory is an {@link io.github.agentledger.checkpoint.InvalidCheckpointRefException};
 * {@link #unreadCheckpointRefs()} lists such refs. See {@code docs/git-refs-layout.md}.
 *
 * <p>Network: reads never touch the network unless the builder was given
 * {@link Builder#fetchMissingArchivesFrom(CheckpointSync)}. With it, a v2-family read of a session
 * whose metadata is on {@code /main} but whose raw transcript no local generation (and, for {@link
 * CheckpointLayout#DUAL_WRITE} and {@link CheckpointLayout#V2_ONLY}, not v1 either) holds lists the
 * remote's archived generations, fetches those missing locally, and reads again
 * (docs/checkpoint-format.md#reading-v2); see that method for the exact contract.
 */
public final class JGitCheckpointStore implements CheckpointStore, AutoCloseable {
  /** The default of {@link Builder#maxObjectBytes}: 128 MiB. */
  public static final long DEFAULT_MAX_OBJECT_BYTES = 128L * 1024 * 1024;

  private final CheckpointLayout layout;
  private final CheckpointStore delegate;
  private final Optional<V2CheckpointStore> v2;
  /** The repository this store opened itself ({@link #open(Path)}), closed with the store. */
  private final Optional<Repository> owned;
  private final Optional<GitRefsCheckpointStore> gitRefs;
  private final Function<CheckpointId, List<SummaryRepair>> summaryRepairs;
  private final Optional<LayeredCheckpointStore> layered;

  private JGitCheckpointStore(Builder builder) {
    this(builder, Optional.empty());
  }

  private JGitCheckpointStore(Builder builder, Optional<Repository> owned) {
    this.owned = owned;
    this.layout = builder.layout;
    Fsync fsync = new Fsync(builder.durability == CheckpointDurability.FSYNC,
        builder.fsyncObserver);
    // The defaults are made here, not when the builder is: a caller that sets its own (a
    // read-only tool with Redactor.none()) never pays for building the default rule set.
    RandomGenerator random = builder.random.orElseGet(SecureRandom::new);
    StoreSettings settings = new StoreSettings(builder.clock, random,
        builder.redactor.orElseGet(Redactor::defaults),
        builder.cliVersion, builder.maxChunkBytes, fsync, builder.maxObjectBytes);
    // The default policy draws its jitter from the builder's random source, as set at build().
    RetryPolicy retryPolicy = builder.retryPolicy
        .orElseGet(() -> RetryPolicy.defaultPolicy(random));
    RefCas refCas = new RefCas(builder.repository, retryPolicy, builder.sleeper,
        builder.casHook, builder.staleLockAge, builder.maxRefWait, Clock.systemUTC(), fsync);
    Optional<MissingObjectFetch> objects = builder.objectSource.map(MissingObjectFetch::new);
    if (layout == CheckpointLayout.V1) {
      this.v2 = Optional.empty();
      this.gitRefs = Optional.empty();
      this.layered = Optional.empty();
      V1CheckpointStore v1 = new V1CheckpointStore(builder.repository, settings, refCas, objects);
      this.delegate = serializedOnReftable(builder.repository, v1);
      this.summaryRepairs = v1::reaggregateSummary;
      return;
    }
    if (layout == CheckpointLayout.GIT_REFS) {
      this.v2 = Optional.empty();
      this.layered = Optional.empty();
      GitRefsCheckpointStore store = new GitRefsCheckpointStore(builder.repository, settings,
          refCas, new V1CheckpointStore(builder.repository, settings, refCas, Optional.empty()),
          builder.logger, builder.checkpointSource, objects);
      this.gitRefs = Optional.of(store);
      this.delegate = serializedOnReftable(builder.repository, store);
      this.summaryRepairs = store::reaggregateSummary;
      return;
    }
    this.gitRefs = Optional.empty();
    Optional<MissingArchiveFetch> archives = builder.archiveSource.map(MissingArchiveFetch::new);
    // Only the outermost store fetches: a layered store first asks v1 before going to the network.
    V2CheckpointStore v2Store = new V2CheckpointStore(builder.repository, settings, refCas,
        new GenerationRotation(builder.repository, settings, refCas,
            builder.maxCheckpointsPerGeneration, builder.logger),
        layout == CheckpointLayout.V2 ? archives : Optional.empty(),
        layout == CheckpointLayout.V2 ? objects : Optional.empty());
    this.v2 = Optional.of(v2Store);
    if (layout == CheckpointLayout.V2) {
      this.layered = Optional.empty();
      this.delegate = serializedOnReftable(builder.repository, v2Store);
      this.summaryRepairs = v2Store::reaggregateSummary;
      return;
    }
    V1CheckpointStore v1Store =
        new V1CheckpointStore(builder.repository, settings, refCas, objects);
    LayeredCheckpointStore both = new LayeredCheckpointStore(layout, v1Store, v2Store,
        builder.logger, archives, new V2Convergence(builder.repository, settings, refCas,
            v1Store, v2Store, builder.logger));
    this.layered = Optional.of(both);
    this.delegate = serializedOnReftable(builder.repository, both);
    this.summaryRepairs = both::reaggregateSummary;
  }

  /**
   * On a repository whose refs live in a reftable, runs the store's operations one at a time
   * (JGit 7.4's reftable database is not safe for a ref lookup racing an update in the same
   * repository object; see {@link ReftableSerializedStore}); elsewhere, the store itself.
   */
  private static CheckpointStore serializedOnReftable(Repository repository,
      CheckpointStore store) {
    return ReftableSerializedStore.usesReftable(repository)
        ? new ReftableSerializedStore(store) : store;
  }

  /**
   * Starts building a store over a repository.
   *
   * @param repository the repository (SHA-1 object format); the caller keeps ownership
   * @return a builder with the defaults described on each setter
   */
  public static Builder builder(Repository repository) {
    return new Builder(repository);
  }

  /**
   * Opens the git repository at or above {@code directory} (a work tree or a {@code .git}
   * directory, found as {@code git} finds it) and a {@link CheckpointLayout#V1} store over it with
   * every default of {@link #builder}. The store owns that repository: close the store.
   *
   * @param directory a directory inside the repository
   * @return the store
   * @throws UnsupportedRepositoryException if there is no git repository there, or it is not
   *     supported
   * @throws CheckpointStorageException if it cannot be read
   */
  public static JGitCheckpointStore open(Path directory) {
    FileRepositoryBuilder found = new FileRepositoryBuilder().findGitDir(directory.toFile());
    if (found.getGitDir() == null) {
      throw new UnsupportedRepositoryException(
          "no git repository at or above " + directory.toAbsolutePath());
    }
    Repository repository;
    try {
      repository = found.setMustExist(true).build();
    } catch (IOException e) {
      throw new CheckpointStorageException(
          "cannot open the git repository " + found.getGitDir() + ": " + e.getMessage(), e);
    }
    try {
      return new JGitCheckpointStore(builder(repository).validated(), Optional.of(repository));
    } catch (RuntimeException e) {
      repository.close();
      throw e;
    }
  }

  /** Closes the repository {@link #open(Path)} opened; a store built over a repository does not. */
  @Override
  public void close() {
    owned.ifPresent(Repository::close);
  }

  /** {@return the layout this store reads and writes} */
  public CheckpointLayout layout() {
    return layout;
  }

  @Override
  public CheckpointId newCheckpointId() {
    return delegate.newCheckpointId();
  }

  @Override
  public int write(WriteRequest request) {
    return delegate.write(request);
  }

  @Override
  public void update(UpdateRequest request) {
    delegate.update(request);
  }

  @Override
  public void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary) {
    delegate.updateSessionSummary(checkpointId, summary);
  }

  @Override
  public Optional<CheckpointSummary> readSummary(CheckpointId checkpointId) {
    return guarded(checkpointId, () -> delegate.readSummary(checkpointId));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the checkpoint's directory entries and its summary as streams: the sessions after
   * the first {@code maxSessions} are counted and skipped (checked as JSON syntax and UTF-8
   * only), so the time and memory of the read follow {@code maxSessions}, not the size of the
   * summary (docs/checkpoint-format.md#hostile-input).
   */
  @Override
  public Optional<CheckpointSummaryHead> readSummaryHead(CheckpointId checkpointId,
      int maxSessions) {
    SummaryHeads.checkedMax(maxSessions);
    return guarded(checkpointId, () -> delegate.readSummaryHead(checkpointId, maxSessions));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId, int sessionIndex) {
    return guarded(checkpointId, () -> delegate.readSession(checkpointId, sessionIndex));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId,
      AgentSessionId sessionId) {
    return guarded(checkpointId, () -> delegate.readSession(checkpointId, sessionId));
  }

  @Override
  public Optional<SessionContent> readLatestSession(CheckpointId checkpointId) {
    return guarded(checkpointId, () -> delegate.readLatestSession(checkpointId));
  }

  @Override
  public List<CheckpointListEntry> list() {
    return guarded("the checkpoint listing", delegate::list);
  }

  /**
   * Lists every checkpoint and reports what could not be read
   * (docs/checkpoint-format.md#hostile-input): a missing or damaged tree or blob costs only the
   * checkpoints it holds. A checkpoint whose summary or latest session metadata cannot be read is
   * listed with those fields empty and reported; one whose directory cannot be read, or every
   * checkpoint of a shard whose tree cannot be read, is only reported; in the git-refs layout so
   * is a ref that is not a checkpoint commit. {@link #list()} returns the entries of this
   * listing. Only a ref that cannot be read at all (its tip, its root tree) fails the call.
   */
  @Override
  public ListedCheckpoints listing() {
    return guarded("the checkpoint listing", delegate::listing);
  }

  @Override
  public Optional<Author> checkpointAuthor(CheckpointId checkpointId) {
    return guarded(checkpointId, () -> delegate.checkpointAuthor(checkpointId));
  }

  @Override
  public List<CheckpointId> linkedCheckpoints(CommitId commit) {
    return guarded("the checkpoints of commit " + commit.value(),
        () -> delegate.linkedCheckpoints(commit));
  }

  private <T> T guarded(CheckpointId id, Supplier<T> read) {
    return guarded("checkpoint " + id, read);
  }

  /**
   * Runs a read, turning whatever JGit throws that no store translated (a runtime exception on
   * bytes it cannot parse) into a {@link io.github.agentledger.checkpoint.CheckpointException}
   * naming what was read and the layout's refs: no JGit exception escapes a read.
   */
  private <T> T guarded(String subject, Supplier<T> read) {
    try {
      return read.get();
    } catch (io.github.agentledger.checkpoint.CheckpointException known) {
      throw known;
    } catch (RuntimeException failure) {
      throw ReadFailures.translate(failure, subject, refsOf(layout));
    }
  }

  /** {@return the refs a layout reads, for messages} */
  private static String refsOf(CheckpointLayout layout) {
    String v2 = RefNames.V2_MAIN + " and " + RefNames.V2_FULL_PREFIX + "*";
    return switch (layout) {
      case V1 -> RefNames.V1_BRANCH;
      case V2 -> v2;
      case DUAL_WRITE, V2_ONLY -> RefNames.V1_BRANCH + ", " + v2;
      case GIT_REFS -> RefNames.CHECKPOINT_REF_PREFIX + "<shard>/<id>, " + RefNames.V1_BRANCH;
    };
  }

  /**
   * Re-aggregates a checkpoint's summary ({@code metadata.json} of its directory) from the session
   * slot directories beside it: a repair that loses nothing, for a summary that names a slot whose
   * directory is missing or leaves out a slot directory that exists (as verification reports).
   * The result lists one session per slot directory by slot number (entries the summary lists are
   * kept byte for byte; an unlisted slot gets the paths of the files it holds; an entry without a
   * directory is dropped) and recomputes {@code checkpoints_count}, {@code files_touched} and
   * {@code token_usage} from every slot's {@code metadata.json} as a write does; every other key,
   * the ones this library does not model included, keeps its value and position. No slot,
   * transcript or other file is touched.
   *
   * <p>Each ref holding the checkpoint that this layout writes is edited through the same
   * compare-and-swap loop as a write (a lost race is re-read and redone), one commit per ref whose
   * summary changes; a ref whose summary already is its re-aggregation is left alone, so a second
   * call writes nothing. Refs: the v1 branch ({@link CheckpointLayout#V1}); v2 {@code /main}
   * ({@link CheckpointLayout#V2}, {@link CheckpointLayout#V2_ONLY}); both, each that holds the
   * checkpoint ({@link CheckpointLayout#DUAL_WRITE}); the checkpoint's own ref, or the v1 branch
   * for a hex id without one ({@link CheckpointLayout#GIT_REFS}).
   *
   * @param checkpointId the checkpoint
   * @return what was done on each ref, in the order above
   * @throws io.github.agentledger.checkpoint.CheckpointNotFoundException when no such ref holds
   *     the checkpoint, or its directory holds no slot
   * @throws io.github.agentledger.checkpoint.CorruptCheckpointException when the summary is
   *     missing or does not parse, or a slot's {@code metadata.json} is missing or damaged (its
   *     counts could not be re-aggregated): nothing is written
   * @throws CheckpointStorageException if the repository cannot be read or written (an object
   *     missing locally included)
   */
  public List<SummaryRepair> reaggregateSummary(CheckpointId checkpointId) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    return summaryRepairs.apply(checkpointId);
  }

  /**
   * Lists the archived raw-transcript generations of the v2 layout, oldest (lowest number) first,
   * each with what its {@code generation.json} says (for an archive without one, or with only
   * timestamps, the checkpoints are the directories it holds). Empty for {@link CheckpointLayout#V1}.
   *
   * @return the archived generations
   * @throws io.github.agentledger.checkpoint.CheckpointException if a {@code generation.json} is
   *     damaged or the store fails
   */
  public List<ArchivedGeneration> archivedGenerations() {
    return guarded("the archived generations",
        () -> v2.map(V2CheckpointStore::archivedGenerations).orElse(List.of()));
  }

  /**
   * Reads what the active raw-transcript generation ({@code /full/current}) holds.
   *
   * @return its metadata, or empty when it does not exist (or the layout is
   *     {@link CheckpointLayout#V1})
   * @throws io.github.agentledger.checkpoint.CheckpointException if its {@code generation.json}
   *     is damaged or the store fails
   */
  public Optional<GenerationMetadata> currentGeneration() {
    return guarded("the current generation", () -> v2.flatMap(V2CheckpointStore::currentGeneration));
  }

  /**
   * Finds the raw-transcript generation that holds a checkpoint, searching as readers do:
   * {@code /full/current}, then the archives newest first. A generation whose
   * {@code generation.json} lists the checkpoint is taken at its word; otherwise only the
   * checkpoint's own tree path is looked up, never a whole tree.
   *
   * @param checkpointId the checkpoint
   * @return the generation, or empty when none holds it (or the layout is
   *     {@link CheckpointLayout#V1})
   * @throws io.github.agentledger.checkpoint.CheckpointException if the store fails
   */
  public Optional<GenerationLocation> generationOf(CheckpointId checkpointId) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    return guarded(checkpointId, () -> v2.flatMap(s -> s.generationOf(checkpointId)));
  }

  /**
   * Reports how far the v2 layout is behind v1 in a {@link CheckpointLayout#DUAL_WRITE} store
   * (docs/checkpoint-format.md#dual-write-convergence): the v1 checkpoints v2 {@code /main} does
   * not hold, and those whose v2 sessions lack one of v1's or hold another transcript. Compares
   * every v1 checkpoint (reading their transcripts), so its cost grows with the repository; it
   * changes nothing. No lag for every other layout.
   *
   * @return the lag, {@link V2Lag#upToDate()} when v2 holds everything v1 does
   * @throws io.github.agentledger.checkpoint.CheckpointException if a ref or object cannot be
   *     read
   */
  public V2Lag v2Lag() {
    return layered.map(LayeredCheckpointStore::v2Lag).orElse(V2Lag.none());
  }

  /**
   * Brings the v2 layout of a {@link CheckpointLayout#DUAL_WRITE} store up to v1, its source of
   * truth: compares every v1 checkpoint as {@link #v2Lag()} does and writes each v1 session that
   * v2 lacks, or holds with another transcript, to v2 as v1 stores it (each such session is one
   * ordinary v2 write, atomic on {@code /main} and {@code /full/current}). Idempotent: a second
   * call finds nothing and writes nothing. Safe while other writers, in this process or others,
   * write. Afterwards each dual write's own bounded catch-up keeps v2 up to date from the v1
   * commit verified here (the local ref {@code refs/agentledger/v2-reconciled}). Does nothing
   * for every other layout.
   *
   * @return what was behind and has been repaired, {@link V2Lag#upToDate()} when nothing was
   * @throws io.github.agentledger.checkpoint.CheckpointException if a read or a v2 write fails;
   *     the checkpoints repaired before it stay repaired, and calling again resumes
   */
  public V2Lag reconcile() {
    return layered.map(LayeredCheckpointStore::reconcile).orElse(V2Lag.none());
  }

  /**
   * Lists the refs under {@code refs/entire/checkpoints/} that the git-refs layout does not read
   * as checkpoints, with the reason: a name that does not round-trip to an id (a shard other than
   * the id's last two characters, extra path segments, an id that does not parse), or a target
   * that is not a commit whose tree is a checkpoint directory. The v2 layout's refs are not
   * listed. Empty for every layout but {@link CheckpointLayout#GIT_REFS}.
   *
   * @return the unread refs, in ref-name order
   * @throws io.github.agentledger.checkpoint.CheckpointException if the refs cannot be read
   */
  public List<UnreadCheckpointRef> unreadCheckpointRefs() {
    return guarded("the checkpoint refs",
        () -> gitRefs.map(GitRefsCheckpointStore::unreadRefs).orElse(List.of()));
  }

  /**
   * Builds a {@link JGitCheckpointStore}. Each setter validates its argument and names it in the
   * error. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final Repository repository;
    private CheckpointLayout layout = CheckpointLayout.V1;
    private Optional<RandomGenerator> random = Optional.empty();
    private Optional<RetryPolicy> retryPolicy = Optional.empty();
    private Optional<Redactor> redactor = Optional.empty();
    private Clock clock = Clock.systemDefaultZone();
    private RetryPolicy.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis(),
        (int) (duration.toNanos() % 1_000_000));
    private String cliVersion = "";
    private int maxChunkBytes = TranscriptChunks.MAX_CHUNK_BYTES;
    private long maxObjectBytes = DEFAULT_MAX_OBJECT_BYTES;
    private RefCas.Hook casHook = RefCas.Hook.NONE;
    private Duration staleLockAge = RefCas.DEFAULT_STALE_LOCK_AGE;
    private Duration maxRefWait = RefCas.DEFAULT_MAX_WAIT;
    private CheckpointDurability durability = CheckpointDurability.NONE;
    private Consumer<Path> fsyncObserver = path -> { };
    private int maxCheckpointsPerGeneration = 100;
    private System.Logger logger = System.getLogger(JGitCheckpointStore.class.getName());
    private Optional<CheckpointSync> archiveSource = Optional.empty();
    private Optional<CheckpointSync> objectSource = Optional.empty();
    private Optional<CheckpointSync> checkpointSource = Optional.empty();

    private Builder(Repository repository) {
      this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * Chooses the layout. Default {@link CheckpointLayout#V1}.
     *
     * @param value the layout
     * @return this builder
     */
    public Builder layout(CheckpointLayout value) {
      this.layout = Objects.requireNonNull(value, "layout");
      return this;
    }

    /**
     * Sets the random source of new checkpoint ids and, unless a retry policy is set, of the
     * backoff jitter. Default: a {@link SecureRandom}.
     *
     * @param value the random source
     * @return this builder
     */
    public Builder random(RandomGenerator value) {
      this.random = Optional.of(Objects.requireNonNull(value, "random"));
      return this;
    }

    /**
     * Sets how lost compare-and-swap races are retried. Default
     * {@link RetryPolicy#defaultPolicy} over this builder's random source.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Optional.of(Objects.requireNonNull(value, "retryPolicy"));
      return this;
    }

    /**
     * Sets the redactor applied to transcripts, prompts and summaries before they are stored.
     * Default {@link Redactor#defaults()}, which replaces API keys, tokens, private keys,
     * credentials in URLs and other high-entropy secrets with {@code REDACTED}; pass
     * {@link Redactor#none()} when the caller redacts before handing data to the store.
     *
     * @param value the redactor
     * @return this builder
     */
    public Builder redactor(Redactor value) {
      this.redactor = Optional.of(Objects.requireNonNull(value, "redactor"));
      return this;
    }

    /**
     * Sets the clock that times commits and {@code created_at}. Default: the system clock in the
     * default time zone (commit times carry the local offset, as git's do).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets how the store pauses between retries. Default {@link Thread#sleep(long, int)}.
     *
     * @param value the sleeper
     * @return this builder
     */
    public Builder sleeper(RetryPolicy.Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /**
     * Sets the age from which the store breaks a git lock file ({@code <ref>.lock},
     * {@code packed-refs.lock}) left by a writer that died: a lock is broken only when it is at
     * least this old <em>and</em> the refs it stands on still hold the values the write read, so a
     * live writer, which holds its lock for milliseconds, keeps it (docs/checkpoint-format.md,
     * "Stale ref locks"). Default 10 seconds.
     *
     * @param value the age, positive
     * @return this builder
     * @throws IllegalArgumentException if the value is not positive
     */
    public Builder staleLockAge(Duration value) {
      Objects.requireNonNull(value, "staleLockAge");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("staleLockAge must be positive, got " + value);
      }
      this.staleLockAge = value;
      return this;
    }

    /**
     * Chooses what a write forces to stable storage before it returns. Default
     * {@link CheckpointDurability#NONE}: the behaviour of git and JGit for loose objects and refs
     * as most repositories are configured, and of the Entire CLI; a process crash loses nothing
     * acknowledged either way. Choose {@link CheckpointDurability#FSYNC} when an acknowledged
     * checkpoint must survive power loss (its cost is measured in the benchmarks'
     * {@code CheckpointDurabilityBenchmark}). Only repositories on disk are forced.
     *
     * @param value the durability
     * @return this builder
     */
    public Builder durability(CheckpointDurability value) {
      this.durability = Objects.requireNonNull(value, "durability");
      return this;
    }

    /**
     * Sets the largest git object (blob, tree or commit) a read opens. A larger object is never
     * loaded: the read fails with a {@link io.github.agentledger.checkpoint.CorruptCheckpointException}
     * naming the checkpoint, the ref and the object, after reading only the object's header
     * (docs/checkpoint-format.md#hostile-input). Default 128 MiB ({@link #DEFAULT_MAX_OBJECT_BYTES}):
     * above the Entire CLI's 50 MiB transcript chunks, so every blob it or this library writes
     * reads. Writes are not bounded by it.
     *
     * @param value the limit in bytes, at least 1
     * @return this builder
     * @throws IllegalArgumentException if the value is below 1
     */
    public Builder maxObjectBytes(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxObjectBytes must be at least 1, got " + value);
      }
      this.maxObjectBytes = value;
      return this;
    }

    /** Tells a test of each file or directory the store forced (package-private: tests only). */
    Builder fsyncObserver(Consumer<Path> value) {
      this.fsyncObserver = Objects.requireNonNull(value, "fsyncObserver");
      return this;
    }

    /**
     * Sets the bound on the time one ref update of a write spends waiting, for lost races and
     * for lock files together. When it is up the write throws
     * {@link io.github.agentledger.checkpoint.RefLockedException} (naming the lock file and its
     * age) or {@link io.github.agentledger.checkpoint.ConcurrentCheckpointUpdateException}, and
     * nothing was written. Default 20 seconds: longer than the default stale-lock age, so a write
     * that meets the lock of a killed writer waits for it to turn stale and succeeds.
     *
     * @param value the bound, not negative
     * @return this builder
     * @throws IllegalArgumentException if the value is negative
     */
    public Builder maxRefWait(Duration value) {
      Objects.requireNonNull(value, "maxRefWait");
      if (value.isNegative()) {
        throw new IllegalArgumentException("maxRefWait must not be negative, got " + value);
      }
      this.maxRefWait = value;
      return this;
    }

    /**
     * Sets the {@code cli_version} written into metadata. Default empty (the key is omitted).
     *
     * @param value the version text, a single line
     * @return this builder
     * @throws IllegalArgumentException if the value contains a line break
     */
    public Builder cliVersion(String value) {
      Objects.requireNonNull(value, "cliVersion");
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("cliVersion must be one line, got \"" + value + "\"");
      }
      this.cliVersion = value;
      return this;
    }

    /**
     * Sets how many checkpoints the active v2 raw-transcript generation holds before it is
     * archived and a new one starts (ignored by {@link CheckpointLayout#V1}). Default 100, the
     * Entire CLI's.
     *
     * @param value the threshold, at least 1
     * @return this builder
     * @throws IllegalArgumentException if the value is below 1
     */
    public Builder maxCheckpointsPerGeneration(int value) {
      if (value < 1) {
        throw new IllegalArgumentException(
            "maxCheckpointsPerGeneration must be at least 1, got " + value);
      }
      this.maxCheckpointsPerGeneration = value;
      return this;
    }

    /**
     * Lets session reads fetch archived raw-transcript generations on demand
     * (docs/checkpoint-format.md#reading-v2), from the remote of {@code sync}. Default: off, reads
     * never touch the network. Ignored by {@link CheckpointLayout#V1}, which has no generations.
     *
     * <p>When a session read ({@code readSession}, {@code readLatestSession}) finds the session's
     * metadata on {@code /main} but no local transcript for it, the store lists the remote's
     * archived generations, fetches those that do not exist locally (never moving an existing
     * local ref, not even a stale {@code /full/current}), and reads the session once more. This
     * happens at most once per read. A session that has no transcript anywhere costs one remote
     * listing per read, and is returned without a transcript as before. When the remote cannot be
     * reached or refuses the credentials, the read throws the {@link CheckpointSyncException} and
     * no local ref has changed: the caller asked for the transcript, and an empty one would be
     * indistinguishable from a session that never had one. Summaries, listings and checkpoints
     * missing from the local {@code /main} are not fetched; use {@link CheckpointSync#fetch()} for
     * those.
     *
     * @param sync the sync of this builder's repository whose remote, credentials and timeout the
     *     fetch uses
     * @return this builder
     * @throws IllegalArgumentException if {@code sync} was built for another repository
     */
    public Builder fetchMissingArchivesFrom(CheckpointSync sync) {
      requireSameRepository(sync, "fetchMissingArchivesFrom");
      this.archiveSource = Optional.of(sync);
      return this;
    }

    /**
     * Lets session reads fetch a transcript object that the local object database lacks (a
     * partial clone, a mirror that dropped large objects) on demand, by id, from the remote of
     * {@code sync}: a v1 slot's transcript, a v2 raw transcript under {@code /full} (layout
     * {@link CheckpointLayout#V2}; {@link CheckpointLayout#DUAL_WRITE} and
     * {@link CheckpointLayout#V2_ONLY} fetch for their v1 side), and a git-refs checkpoint's
     * transcript (its ref or its v1 fallback). Default: off, reads never touch the network, and
     * such a session reads with
     * {@link io.github.agentledger.checkpoint.SessionContent#transcriptNotAvailable()} naming the
     * checkpoint, the slot and the missing object.
     *
     * <p>With it, a session read ({@code readSession}, {@code readLatestSession}) whose transcript
     * names a missing object fetches that object with {@link CheckpointSync#fetchObjects} and
     * reads again, one round per missing chunk at most; no ref moves. When the remote does not
     * have the object, the session is returned as not available, as without this setting; when the
     * remote cannot be reached, the read throws the {@link CheckpointSyncException}. Summaries and
     * listings never fetch: a missing transcript costs them nothing.
     *
     * @param sync the sync of this builder's repository whose remote, credentials and timeout the
     *     fetch uses
     * @return this builder
     * @throws IllegalArgumentException if {@code sync} was built for another repository
     */
    public Builder fetchMissingObjectsFrom(CheckpointSync sync) {
      requireSameRepository(sync, "fetchMissingObjectsFrom");
      this.objectSource = Optional.of(sync);
      return this;
    }

    /**
     * Lets reads of the {@link CheckpointLayout#GIT_REFS} layout fetch a checkpoint that has no
     * local ref from the remote of {@code sync}, one ref by id (docs/git-refs-layout.md). Default: off, reads
     * never touch the network. Ignored by the other layouts.
     *
     * <p>A read ({@code readSummary}, {@code readSession}, {@code readLatestSession}) of a
     * checkpoint with no local ref (and, for a hex id, not on the v1 branch either) fetches its
     * ref once and reads again. A checkpoint the remote does not have reads as empty, as before;
     * a remote that cannot be reached throws the {@link CheckpointSyncException} rather than
     * answering "not found". Writes, updates and listings never fetch; checkpoints listed by
     * {@link CheckpointSync#remoteCheckpoints()} are hydrated this way on their first read.
     *
     * @param sync the sync of this builder's repository
     * @return this builder
     * @throws IllegalArgumentException if {@code sync} was built for another repository
     */
    public Builder fetchMissingCheckpointsFrom(CheckpointSync sync) {
      requireSameRepository(sync, "fetchMissingCheckpointsFrom");
      this.checkpointSource = Optional.of(sync);
      return this;
    }

    private void requireSameRepository(CheckpointSync sync, String what) {
      Objects.requireNonNull(sync, "sync");
      if (sync.repository() != repository) {
        throw new IllegalArgumentException(what + ": the sync is for " + sync.repository()
            + ", not for this store's repository " + repository);
      }
    }

    Builder logger(System.Logger value) {
      this.logger = Objects.requireNonNull(value, "logger");
      return this;
    }

    Builder maxChunkBytes(int value) {
      if (value < 2) {
        throw new IllegalArgumentException("maxChunkBytes must be at least 2, got " + value);
      }
      this.maxChunkBytes = value;
      return this;
    }

    Builder casHook(RefCas.Hook value) {
      this.casHook = Objects.requireNonNull(value, "casHook");
      return this;
    }

    /**
     * Checks the repository and builds the store.
     *
     * @return the store
     * @throws UnsupportedRepositoryException if the repository uses a format JGit cannot write
     *     (for example the SHA-256 object format)
     */
    public JGitCheckpointStore build() {
      return new JGitCheckpointStore(validated());
    }

    private Builder validated() {
      RepositoryChecks.requireSupported(repository);
      return this;
    }
  }
}
