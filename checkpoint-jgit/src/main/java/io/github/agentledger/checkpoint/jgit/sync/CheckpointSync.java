package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.BlobId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.UnsupportedRepositoryException;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.internal.PushQueue;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.RepositoryChecks;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Pushes and fetches the checkpoint refs of a repository to and from one git remote, through JGit's
 * transports (docs/checkpoint-format.md#push-and-fetch), so that checkpoints travel with the team.
 *
 * <p><b>Refs.</b> The v1 branch {@code refs/heads/entire/checkpoints/v1}; the v2 refs
 * {@code refs/entire/checkpoints/v2/main} and {@code …/v2/full/current}; archived generations
 * {@code …/v2/full/<13 digits>}. {@link #push()} pushes those that exist locally: archived
 * generations the remote lacks (or holds differently) first, then {@code /main}, then
 * {@code /full/current}. {@link #fetch()} brings the v1 branch, {@code /main} and
 * {@code /full/current}; archived generations are fetched on demand with
 * {@link #fetchArchivedGenerations()}, or by a store built with
 * {@link JGitCheckpointStore.Builder#fetchMissingArchivesFrom(CheckpointSync)} when a transcript
 * lookup misses locally.
 *
 * <p><b>Remotes.</b> The remote is a configured remote's name or a URL, and credentials come from
 * the caller ({@link Builder#credentials}). With a remote name, every push and fetch that learns
 * what the remote's v1 branch holds records it in
 * {@code refs/remotes/<name>/entire/checkpoints/v1}, as git does (the v1 reader falls back to
 * {@code origin}'s copy when the local branch is missing), and a push skips the v1 branch without
 * asking the remote when that copy already equals the local tip (as the Entire CLI does). With a
 * URL no remote-tracking ref is written and the v1 branch is always offered.
 *
 * <p><b>Discipline.</b> Remote refs only fast-forward, and every remote update names the old value
 * it expects, so a concurrent pusher is detected rather than overwritten. The one forced update is
 * lease-guarded: after a local rotation, the remote {@code /full/current} is replaced by the local
 * fresh generation only if it still holds the value read, and that value is already contained in a
 * published archive. Local refs move only by compare-and-swap and never lose content: fetched tips
 * land in temporary refs ({@code refs/entire-sync/tmp/…}, removed before the call returns) and are
 * then promoted by fast-forward, merge or replay, never by a rewind.
 *
 * <p><b>Recovery.</b> When the remote moved on, the v1 branch is rebased by replaying the
 * local-only commits onto the remote tip (sharded paths make this conflict-free; a checkpoint
 * changed on both sides is merged session by session); {@code /main} and {@code /full/current} get
 * a merge commit of both trees with {@code generation.json} merged semantically (union of ids,
 * earliest oldest and latest newest time); when the remote rotated {@code /full/current}, the local work is merged
 * into the archived generation it belongs to and the remote's fresh generation is adopted. The
 * push is then tried again, at most {@link Builder#maxAttempts(int)} times in all per ref. Each ref
 * ends with a {@link SyncResult.Status}; a ref that cannot be reconciled (for example two different
 * generations under one archive number) is {@link SyncResult.Status#REJECTED} with the reason.
 *
 * <p>Instances are immutable and may be shared, but two syncs of the same repository should not
 * run at once (they would only cost each other attempts). The caller owns the {@link Repository}.
 */
public final class CheckpointSync {
  private final Repository repository;
  private final String remote;
  private final Optional<CredentialsProvider> credentials;
  private final int maxAttempts;
  private final Clock clock;
  private final Duration timeout;
  private final SyncContext.Hook hook;
  private final int pushBatchSize;

  private CheckpointSync(Builder builder) {
    this.repository = builder.repository;
    this.remote = builder.remote;
    this.credentials = builder.credentials;
    this.maxAttempts = builder.maxAttempts;
    this.clock = builder.clock;
    this.timeout = builder.timeout;
    this.hook = builder.hook;
    this.pushBatchSize = builder.pushBatchSize;
  }

  /**
   * Starts building a sync for a repository.
   *
   * @param repository the repository whose checkpoint refs travel; the caller keeps ownership
   * @return a builder with the defaults described on each setter
   */
  public static Builder builder(Repository repository) {
    return new Builder(repository);
  }

  /**
   * Pushes every local checkpoint ref to the remote, recovering from non-fast-forward rejections.
   *
   * @return one outcome per ref pushed (refs that do not exist locally are not listed)
   * @throws CheckpointSyncException when the remote cannot be reached or the transport fails
   * @throws CheckpointStorageException when the local repository cannot be read or written
   */
  public SyncResult push() {
    return run(context -> {
      List<SyncResult.RefOutcome> outcomes = new ArrayList<>(pushAll(context));
      outcomes.addAll(refSync(context).push());
      return outcomes;
    });
  }

  /**
   * Pushes the per-checkpoint refs of the git-refs layout that local writes queued (docs/git-refs-layout.md):
   * in batches of {@link Builder#pushBatchSize(int)}, fast-forward only; a batch with a rejected
   * ref is retried in halves, then ref by ref; a non-fast-forward is recovered by fetching the
   * remote ref and replaying the local commits onto it (never by a forced push). A ref leaves the
   * queue once the remote confirmed the value it still has locally; a push interrupted halfway
   * leaves the rest queued for the next call. {@link #push()} does this too.
   *
   * @return one outcome per queued ref handled
   * @throws CheckpointSyncException when the remote cannot be reached or the transport fails
   * @throws CheckpointStorageException when the local repository cannot be read or written
   */
  public SyncResult pushCheckpointRefs() {
    return run(context -> refSync(context).push());
  }

  /**
   * Fetches every per-checkpoint ref the remote advertises ({@code refs/entire/checkpoints/<shard>/
   * <id>}) and moves the local refs forward; a local ref that diverged gets the local commits
   * replayed onto the remote's and is queued for push. {@link #fetch()} does this too.
   *
   * @return one outcome per ref fetched
   * @throws CheckpointSyncException when the remote cannot be reached or the transport fails
   * @throws CheckpointStorageException when the local repository cannot be read or written
   */
  public SyncResult fetchCheckpointRefs() {
    return run(context -> refSync(context).fetchAll());
  }

  /**
   * Fetches the ref of one checkpoint, as {@link #fetchCheckpointRefs()} does for all of them.
   *
   * @param id the checkpoint
   * @return its outcome, or an empty result when the remote does not have the checkpoint
   * @throws CheckpointSyncException when the remote cannot be reached or the transport fails
   *     (never reported as "not found")
   * @throws CheckpointStorageException when the local repository cannot be read or written
   */
  public SyncResult fetchCheckpoint(CheckpointId id) {
    Objects.requireNonNull(id, "id");
    return run(context -> refSync(context).fetch(id));
  }

  /**
   * Lists the checkpoints the remote holds under the git-refs layout, from its ref advertisement
   * only (no object is transferred), whether or not they exist locally. Each carries the time its
   * ULID encodes; a store built with
   * {@link io.github.agentledger.checkpoint.jgit.JGitCheckpointStore.Builder#fetchMissingCheckpointsFrom(CheckpointSync)}
   * fetches one on its first read.
   *
   * @return the remote checkpoints, sorted by id
   * @throws CheckpointSyncException when the remote cannot be reached or the transport fails
   */
  public List<RemoteCheckpoint> remoteCheckpoints() {
    List<RemoteCheckpoint> found = new ArrayList<>();
    SyncTransport transport = new SyncTransport(repository, remote, credentials, timeout);
    for (Map.Entry<String, ObjectId> ref : transport.listCheckpointRefs().entrySet()) {
      if (ref.getKey().startsWith(RefNames.V2_PREFIX)) {
        continue;
      }
      RefNames.checkpointIdOf(ref.getKey()).ifPresent(id -> found.add(
          new RemoteCheckpoint(id, ref.getKey(), CommitId.parse(ref.getValue().name()),
              id.ulidTime())));
    }
    found.sort(java.util.Comparator.comparing(RemoteCheckpoint::id));
    return List.copyOf(found);
  }

  private CheckpointRefSync refSync(SyncContext context) {
    return new CheckpointRefSync(context, queue(), pushBatchSize);
  }

  private Optional<PushQueue> queue() {
    return repository.getCommonDirectory() == null ? Optional.empty()
        : Optional.of(PushQueue.in(repository.getCommonDirectory().toPath()));
  }

  /**
   * Fetches the v1 branch, v2 {@code /main} and v2 {@code /full/current} from the remote and
   * promotes them into the local refs without ever rewinding them.
   *
   * @return one outcome per ref the remote has
   * @throws CheckpointSyncException when the remote cannot be reached or the transport fails
   * @throws CheckpointStorageException when the local repository cannot be read or written
   */
  public SyncResult fetch() {
    return run(context -> {
      List<SyncResult.RefOutcome> outcomes = new ArrayList<>(fetchRefs(context,
          List.of(RefNames.V1_BRANCH, RefNames.V2_MAIN, RefNames.V2_FULL_CURRENT)));
      outcomes.addAll(refSync(context).fetchAll());
      return outcomes;
    });
  }

  /**
   * Fetches the archived v2 generations ({@code refs/entire/checkpoints/v2/full/<13 digits>}) that
   * the remote has and the local repository lacks or holds differently; a differing local archive
   * is reconciled like any other ref, never rewound. (A transcript lookup that misses locally
   * fetches only the archives missing locally, docs/checkpoint-format.md#reading-v2; see {@link
   * JGitCheckpointStore.Builder#fetchMissingArchivesFrom(CheckpointSync)}.)
   *
   * @return one outcome per archive the remote has
   * @throws CheckpointSyncException when the remote cannot be reached or the transport fails
   * @throws CheckpointStorageException when the local repository cannot be read or written
   */
  public SyncResult fetchArchivedGenerations() {
    return run(context -> {
      List<String> archives = new ArrayList<>();
      for (String ref : context.transport.listCheckpointRefs().keySet()) {
        if (RefNames.isV2Archive(ref)) {
          archives.add(ref);
        }
      }
      return fetchRefs(context, archives);
    });
  }

  /**
   * Fetches objects that the local object database lacks, by id, from the remote, and adds them
   * to it; no ref moves. This is how a store built with
   * {@link JGitCheckpointStore.Builder#fetchMissingObjectsFrom(CheckpointSync)} completes a
   * partial clone on demand. The remote must serve objects by id (git's
   * {@code uploadpack.allowAnySHA1InWant}, as hosts serving partial clones do).
   *
   * @param blobs the objects to fetch
   * @return those the remote sent, now present locally
   * @throws CheckpointSyncException when the remote cannot be reached or refuses the request
   * @throws CheckpointStorageException when the local object database cannot be written
   */
  public List<BlobId> fetchObjects(Collection<BlobId> blobs) {
    Objects.requireNonNull(blobs, "blobs");
    List<ObjectId> ids = blobs.stream().map(b -> ObjectId.fromString(b.value())).toList();
    try {
      return new SyncTransport(repository, remote, credentials, timeout).fetchObjects(ids)
          .stream().map(id -> BlobId.parse(id.name())).toList();
    } catch (IOException e) {
      throw new CheckpointStorageException("storing objects fetched from " + remote
          + " failed: " + e.getMessage(), e);
    }
  }

  /** {@return the repository whose refs this sync moves} */
  public Repository repository() {
    return repository;
  }

  /**
   * Fetches only the archived generations that the remote has and that do not exist locally, each
   * into a new local ref (docs/checkpoint-format.md#reading-v2: an existing local ref, even a
   * differing one, is left alone). This is the on-demand step of a transcript lookup.
   *
   * @return one outcome per archive fetched
   * @throws CheckpointSyncException when the remote cannot be reached or the transport fails
   */
  public SyncResult fetchMissingArchivedGenerations() {
    return run(context -> {
      List<String> missing = new ArrayList<>();
      Map<String, ObjectId> local = context.localRefs(RefNames.V2_FULL_PREFIX);
      for (String ref : context.transport.listCheckpointRefs().keySet()) {
        if (RefNames.isV2Archive(ref) && !local.containsKey(ref)) {
          missing.add(ref);
        }
      }
      return fetchRefs(context, missing);
    });
  }

  private List<SyncResult.RefOutcome> pushAll(SyncContext context) throws IOException {
    RefSync sync = new RefSync(context);
    List<SyncResult.RefOutcome> outcomes = new ArrayList<>();
    Optional<SyncResult.RefOutcome> v1 = skipV1IfTracked(context);
    if (v1.isEmpty()) {
      v1 = sync.push(RefNames.V1_BRANCH);
      if (v1.isPresent() && v1.get().status() != SyncResult.Status.REJECTED
          && v1.get().commit().isPresent()) {
        context.updateTracking(ObjectId.fromString(v1.get().commit().get().value()));
      }
    }
    v1.ifPresent(outcomes::add);
    Optional<SyncResult.RefOutcome> failedArchive = Optional.empty();
    for (String archive : context.localRefs(RefNames.V2_FULL_PREFIX).keySet()) {
      if (RefNames.isV2Archive(archive)) {
        Optional<SyncResult.RefOutcome> outcome = sync.push(archive);
        outcome.ifPresent(outcomes::add);
        if (outcome.isPresent() && outcome.get().status() == SyncResult.Status.REJECTED
            && failedArchive.isEmpty()) {
          failedArchive = outcome;
        }
      }
    }
    sync.push(RefNames.V2_MAIN).ifPresent(outcomes::add);
    if (failedArchive.isPresent() && context.local(RefNames.V2_FULL_CURRENT).isPresent()) {
      outcomes.add(SyncContext.outcome(RefNames.V2_FULL_CURRENT, SyncResult.Status.REJECTED,
          Optional.empty(), "not pushed: archived generation " + failedArchive.get().ref()
              + " could not be published first (" + failedArchive.get().detail() + ")"));
    } else {
      sync.push(RefNames.V2_FULL_CURRENT).ifPresent(outcomes::add);
    }
    outcomes.addAll(sync.archiveOutcomes());
    return outcomes;
  }

  /**
   * A shortcut the Entire CLI takes too: when the remote is a configured remote name and its
   * remote-tracking copy of the v1 branch equals the local tip, the v1 push is skipped without
   * asking the remote.
   */
  private static Optional<SyncResult.RefOutcome> skipV1IfTracked(SyncContext context)
      throws IOException {
    if (context.trackingRef().isEmpty()) {
      return Optional.empty();
    }
    Optional<ObjectId> local = context.local(RefNames.V1_BRANCH);
    if (local.isPresent() && local.equals(context.local(context.trackingRef().get()))) {
      return Optional.of(SyncContext.outcome(RefNames.V1_BRANCH, SyncResult.Status.UP_TO_DATE,
          local, "not pushed: " + context.trackingRef().get() + " equals the local tip"));
    }
    return Optional.empty();
  }

  private static List<SyncResult.RefOutcome> fetchRefs(SyncContext context, List<String> refs)
      throws IOException {
    Map<String, ObjectId> remoteRefs = context.transport.listCheckpointRefs();
    List<String> present = new ArrayList<>(refs);
    present.removeIf(ref -> !remoteRefs.containsKey(ref));
    Map<String, String> temporary = context.fetchToTemporary(present);
    RefSync sync = new RefSync(context);
    List<SyncResult.RefOutcome> outcomes = new ArrayList<>();
    for (String ref : present) {
      String temporaryRef = Objects.requireNonNull(temporary.get(ref), ref);
      ObjectId fetched = context.local(temporaryRef).orElseThrow(() ->
          new CheckpointStorageException("fetch of " + ref + " from " + context.transport.remote()
              + " left no temporary ref " + temporaryRef, null));
      outcomes.add(sync.promote(ref, fetched, remoteRefs));
      if (ref.equals(RefNames.V1_BRANCH)) {
        context.updateTracking(fetched);
      }
    }
    outcomes.addAll(sync.archiveOutcomes());
    return outcomes;
  }

  private SyncResult run(Operation operation) {
    SyncContext context = new SyncContext(repository,
        new SyncTransport(repository, remote, credentials, timeout), maxAttempts, clock, hook,
        trackingRef());
    try {
      try {
        return new SyncResult(operation.apply(context));
      } finally {
        context.removeTemporaryRefs();
      }
    } catch (IOException e) {
      throw new CheckpointStorageException("sync with " + remote + " failed on the local "
          + "repository: " + e.getMessage(), e);
    }
  }

  /**
   * The remote-tracking copy of the v1 branch, {@code refs/remotes/<name>/entire/checkpoints/v1},
   * when the remote is the name of a configured remote; empty for a URL.
   */
  private Optional<String> trackingRef() {
    if (!repository.getConfig().getSubsections("remote").contains(remote)) {
      return Optional.empty();
    }
    return RefNames.v1RemoteTracking(remote);
  }

  @FunctionalInterface
  private interface Operation {
    List<SyncResult.RefOutcome> apply(SyncContext context) throws IOException;
  }

  /**
   * Builds a {@link CheckpointSync}. Each setter validates its argument and names it in the error.
   * Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final Repository repository;
    private String remote = "origin";
    private Optional<CredentialsProvider> credentials = Optional.empty();
    private int maxAttempts = 3;
    private Clock clock = Clock.systemDefaultZone();
    private Duration timeout = Duration.ofMinutes(2);
    private SyncContext.Hook hook = SyncContext.Hook.NONE;
    private int pushBatchSize = 200;

    private Builder(Repository repository) {
      this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * Sets the remote: the name of a configured remote, or a URL ({@code file://},
     * {@code git://}, {@code https://}, {@code ssh://}). Default {@code origin}.
     *
     * @param value the remote name or URL, not blank
     * @return this builder
     * @throws IllegalArgumentException if the value is blank
     */
    public Builder remote(String value) {
      Objects.requireNonNull(value, "remote");
      if (value.isBlank()) {
        throw new IllegalArgumentException("remote must not be blank, got \"" + value + "\"");
      }
      this.remote = value;
      return this;
    }

    /**
     * Sets the credentials handed to the transport. Default: none (the transport's own default,
     * which for local and anonymous remotes needs none).
     *
     * @param value the credentials provider
     * @return this builder
     */
    public Builder credentials(CredentialsProvider value) {
      this.credentials = Optional.of(Objects.requireNonNull(value, "credentials"));
      return this;
    }

    /**
     * Sets how many push attempts a ref gets in all (each after a fresh look at the remote, with
     * a recovery in between when the remote moved). Default 3.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if the value is below 1
     */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Sets the clock that times merge and replay commits. Default: the system clock in the
     * default time zone.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the network timeout of each transport operation. Default 2 minutes.
     *
     * @param value at least one second
     * @return this builder
     * @throws IllegalArgumentException if the value is shorter than one second
     */
    public Builder timeout(Duration value) {
      Objects.requireNonNull(value, "timeout");
      if (value.toSeconds() < 1) {
        throw new IllegalArgumentException("timeout must be at least 1 s, got " + value);
      }
      this.timeout = value;
      return this;
    }

    /**
     * Sets how many per-checkpoint refs one push carries (git-refs layout). Default 200, the
     * Entire CLI's: every push pays a round trip and the remote's advertisement, so larger
     * batches are faster on a healthy link.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if the value is below 1
     */
    public Builder pushBatchSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("pushBatchSize must be at least 1, got " + value);
      }
      this.pushBatchSize = value;
      return this;
    }

    Builder hook(SyncContext.Hook value) {
      this.hook = Objects.requireNonNull(value, "hook");
      return this;
    }

    /**
     * Checks the repository and builds the sync.
     *
     * @return the sync
     * @throws UnsupportedRepositoryException if the repository uses a format JGit cannot write
     */
    public CheckpointSync build() {
      RepositoryChecks.requireSupported(repository);
      return new CheckpointSync(this);
    }
  }
}
