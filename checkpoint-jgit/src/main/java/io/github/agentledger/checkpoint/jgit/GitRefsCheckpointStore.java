package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointSummaryHead;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.ListedCheckpoints;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.UlidGenerator;
import io.github.agentledger.checkpoint.UnreadableCheckpoint;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.PushQueue;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The git-refs store (docs/git-refs-layout.md): one ref per checkpoint, {@code refs/entire/checkpoints/<last
 * two>/<id>}, whose commit tree is the checkpoint directory; new ids are ULIDs.
 *
 * <p>Routing, so that v1 hex checkpoints and git-refs checkpoints coexist without configuration:
 * a ULID is read from its ref only; a hex id from its ref, else from the v1 branch. A write goes
 * to the checkpoint's ref, except for a hex checkpoint that exists only on the v1 branch, which is
 * written there (a new ref would hide its earlier sessions); updates follow the same rule. The
 * listing is the union of the refs and the v1 branch, one entry per id, the ref's winning. A ref
 * that is not a commit whose tree is a checkpoint directory is an
 * {@link io.github.agentledger.checkpoint.InvalidCheckpointRefException} for reads and writes of
 * its id, and skipped by the listing (see {@link #unreadRefs()}). Thread-safe.
 */
final class GitRefsCheckpointStore implements CheckpointStore {
  private final Repository repository;
  private final StoreSettings settings;
  private final GitRefs refs;
  private final GitRefsWrites writes;
  private final V1CheckpointStore v1;
  private final UlidGenerator ids;
  private final Optional<CheckpointSync> remote;
  private final Optional<MissingObjectFetch> objects;

  /**
   * Creates the store.
   *
   * @param v1 the store of the v1 branch hex ids fall back on; it must not fetch objects itself
   * @param remote where a read of a checkpoint without local ref fetches it from, if anywhere
   * @param objects where a session read whose transcript object is missing locally (on the ref
   *     or on the v1 fallback) fetches it from; empty to read locally only
   */
  GitRefsCheckpointStore(Repository repository, StoreSettings settings, RefCas refCas,
      V1CheckpointStore v1, System.Logger logger, Optional<CheckpointSync> remote,
      Optional<MissingObjectFetch> objects) {
    this.objects = Objects.requireNonNull(objects, "objects");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.refs = new GitRefs(repository);
    this.v1 = Objects.requireNonNull(v1, "v1");
    this.ids = UlidGenerator.create(settings.clock(), settings.random());
    this.remote = Objects.requireNonNull(remote, "remote");
    this.writes = new GitRefsWrites(repository, settings, refCas, refs, queueOf(repository),
        logger);
  }

  /** The push queue of an on-disk repository; an in-memory one has no common directory. */
  static Optional<PushQueue> queueOf(Repository repository) {
    return repository.getCommonDirectory() == null ? Optional.empty()
        : Optional.of(PushQueue.in(repository.getCommonDirectory().toPath()));
  }

  @Override
  public CheckpointId newCheckpointId() {
    synchronized (settings.random()) {
      return ids.next();
    }
  }

  @Override
  public int write(WriteRequest request) {
    Objects.requireNonNull(request, "request");
    CheckpointId id = request.checkpointId();
    if (!hasRef(id) && livesOnV1Only(id)) {
      return v1.write(request);
    }
    SessionBlobs blobs = SessionBlobs.insert(repository, settings, request,
        SessionMetadataJson.LegacyStartField.WRITE, RefNames.checkpointRef(id));
    return writes.write(request, blobs);
  }

  @Override
  public void update(UpdateRequest request) {
    Objects.requireNonNull(request, "request");
    if (!hasRef(request.checkpointId()) && livesOnV1Only(request.checkpointId())) {
      v1.update(request);
      return;
    }
    Redactor redactor = settings.redactor();
    writes.update(request, Redaction.texts(redactor, request.prompts()),
        Redaction.transcript(redactor, request.transcript()));
  }

  @Override
  public void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    if (!hasRef(checkpointId) && livesOnV1Only(checkpointId)) {
      v1.updateSessionSummary(checkpointId, summary);
      return;
    }
    writes.updateSessionSummary(checkpointId, Redaction.summary(settings.redactor(), summary));
  }

  /** Re-aggregates on the checkpoint's ref; a hex id without ref on the v1 branch. */
  List<SummaryRepair> reaggregateSummary(CheckpointId checkpointId) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    if (!hasRef(checkpointId) && livesOnV1Only(checkpointId)) {
      return v1.reaggregateSummary(checkpointId);
    }
    return List.of(writes.reaggregateSummary(checkpointId));
  }

  @Override
  public Optional<CheckpointSummary> readSummary(CheckpointId checkpointId) {
    return route(checkpointId, CheckpointDirectory::summary, () -> v1.readSummary(checkpointId));
  }

  @Override
  public Optional<CheckpointSummaryHead> readSummaryHead(CheckpointId checkpointId,
      int maxSessions) {
    int max = SummaryHeads.checkedMax(maxSessions);
    // A git-refs checkpoint is one ref per checkpoint, written by this library: its summary is
    // read whole; a hex id read from the v1 branch streams.
    return route(checkpointId, dir -> dir.summary().map(s -> CheckpointSummaryHead.of(s, max)),
        () -> v1.readSummaryHead(checkpointId, max));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId, int sessionIndex) {
    return withObjects(() -> route(checkpointId,
        Optional.of(CheckpointDirectory.SlotChoice.only(sessionIndex)),
        dir -> slot(dir, sessionIndex),
        () -> v1.readSession(checkpointId, sessionIndex)));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId,
      AgentSessionId sessionId) {
    return withObjects(() -> route(checkpointId, dir -> {
      OptionalInt slot = dir.slotOf(sessionId);
      return slot.isEmpty() ? Optional.empty() : slot(dir, slot.getAsInt());
    }, () -> v1.readSession(checkpointId, sessionId)));
  }

  @Override
  public Optional<SessionContent> readLatestSession(CheckpointId checkpointId) {
    return withObjects(() -> route(checkpointId,
        Optional.of(CheckpointDirectory.SlotChoice.latest()),
        dir -> dir.slots().isEmpty() ? Optional.empty() : slot(dir, dir.slots().last()),
        () -> v1.readLatestSession(checkpointId)));
  }

  private Optional<SessionContent> withObjects(Supplier<Optional<SessionContent>> read) {
    return objects.isPresent() ? objects.get().readRetrying(read) : read.get();
  }

  @Override
  public List<CheckpointListEntry> list() {
    return listing().entries();
  }

  /**
   * Lists every checkpoint ref, then the v1 branch's checkpoints that no ref holds. A ref whose
   * target is not a checkpoint commit, or whose directory cannot be read, is reported as
   * unreadable (with its reason, as {@link #unreadRefs()} gives it); the others are listed.
   */
  @Override
  public ListedCheckpoints listing() {
    List<CheckpointListEntry> entries = new ArrayList<>();
    List<UnreadableCheckpoint> unreadable = new ArrayList<>();
    Set<CheckpointId> seen = new HashSet<>();
    try (ObjectReader objects = settings.newReader(repository);
        RevWalk walk = new RevWalk(objects)) {
      // Only each tip's tree is needed: with 100 000 refs, keeping every commit's message and
      // author would hold tens of megabytes for nothing.
      walk.setRetainBody(false);
      List<UnreadCheckpointRef> unread = new ArrayList<>();
      for (GitRefs.Tip tip : refs.all(walk, unread)) {
        CheckpointListing.entry(objects, tip.id(), tip.commit().getTree(), tip.ref() + ":",
            unreadable).ifPresent(entries::add);
        seen.add(tip.id());
      }
      for (UnreadCheckpointRef ref : unread) {
        unreadable.add(new UnreadableCheckpoint(ref.ref(), Optional.empty(), ref.reason()));
      }
    } catch (RuntimeException e) {
      throw ReadFailures.translate(e, "the checkpoint listing", RefNames.CHECKPOINT_REF_PREFIX);
    }
    ListedCheckpoints fromV1 = v1.listing();
    for (CheckpointListEntry entry : fromV1.entries()) {
      if (seen.add(entry.checkpointId())) {
        entries.add(entry);
      }
    }
    unreadable.addAll(fromV1.unreadable());
    entries.sort(CheckpointListing.NEWEST_FIRST);
    return new ListedCheckpoints(entries, unreadable);
  }

  /** {@return the refs of the namespace that name no readable checkpoint, and why} */
  List<UnreadCheckpointRef> unreadRefs() {
    List<UnreadCheckpointRef> unread = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      refs.all(walk, unread);
    }
    return List.copyOf(unread);
  }

  @Override
  public Optional<Author> checkpointAuthor(CheckpointId checkpointId) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    try (RevWalk walk = new RevWalk(repository)) {
      Optional<GitRefs.Tip> tip = refs.tip(walk, checkpointId);
      if (tip.isPresent()) {
        PersonIdent ident = tip.get().commit().getAuthorIdent();
        return Optional.of(Author.of(ident.getName(), ident.getEmailAddress()));
      }
    }
    return checkpointId.kind() == CheckpointId.Kind.ULID ? Optional.empty()
        : v1.checkpointAuthor(checkpointId);
  }

  @Override
  public List<CheckpointId> linkedCheckpoints(CommitId commit) {
    return LinkedCheckpoints.of(repository, commit);
  }

  @FunctionalInterface
  private interface DirectoryRead<T> {
    Optional<T> apply(CheckpointDirectory dir) throws IOException;
  }

  @FunctionalInterface
  private interface Fallback<T> {
    Optional<T> read();
  }

  /**
   * Reads from the checkpoint's ref; a hex id without ref falls back to the v1 branch; a
   * checkpoint found in neither is fetched by id when a remote was configured.
   */
  private <T> Optional<T> route(CheckpointId id, DirectoryRead<T> read, Fallback<T> v1Read) {
    return route(id, Optional.empty(), read, v1Read);
  }

  /**
   * Routes a read as {@link #route(CheckpointId, DirectoryRead, Fallback)} does; with a slot
   * choice, the directory is read for those slots only ({@link CheckpointDirectory#readSlots}).
   */
  private <T> Optional<T> route(CheckpointId id, Optional<CheckpointDirectory.SlotChoice> slots,
      DirectoryRead<T> read, Fallback<T> v1Read) {
    Objects.requireNonNull(id, "checkpointId");
    Optional<Optional<T>> local = fromRef(id, slots, read);
    if (local.isPresent()) {
      return local.get();
    }
    if (id.kind() == CheckpointId.Kind.LEGACY_HEX && v1.readSummary(id).isPresent()) {
      return v1Read.read();
    }
    if (remote.isEmpty() || remote.get().fetchCheckpoint(id).refs().isEmpty()) {
      return Optional.empty();
    }
    return fromRef(id, slots, read).orElse(Optional.empty());
  }

  /** {@return the read's answer when the checkpoint has a local ref, empty when it has none} */
  private <T> Optional<Optional<T>> fromRef(CheckpointId id,
      Optional<CheckpointDirectory.SlotChoice> slots, DirectoryRead<T> read) {
    try (ObjectReader objects = settings.newReader(repository);
        RevWalk walk = new RevWalk(objects)) {
      Optional<GitRefs.Tip> tip = refs.tip(walk, id);
      if (tip.isEmpty()) {
        return Optional.empty();
      }
      RevTree root = tip.get().commit().getTree();
      return Optional.of(read.apply(slots.isPresent()
          ? CheckpointDirectory.readSlotsAtRoot(objects, root, id, tip.get().ref(), slots.get())
          : CheckpointDirectory.atRoot(objects, Optional.of(root), id, tip.get().ref())));
    } catch (IOException | RuntimeException e) {
      throw ReadFailures.translate(e, "checkpoint " + id, RefNames.checkpointRef(id));
    }
  }

  private boolean hasRef(CheckpointId id) {
    if (refs.existingRef(id).isEmpty()) {
      return false;
    }
    try (RevWalk walk = new RevWalk(repository)) {
      refs.tip(walk, id); // a bad ref is an error before anything is written
    }
    return true;
  }

  private boolean livesOnV1Only(CheckpointId id) {
    return id.kind() == CheckpointId.Kind.LEGACY_HEX && v1.readSummary(id).isPresent();
  }

  private static Optional<SessionContent> slot(CheckpointDirectory dir, int slot)
      throws IOException {
    return SessionReading.read(dir, slot, CheckpointFiles.V1_TRANSCRIPT,
        CheckpointFiles.V1_CONTENT_HASH, Optional.of(CheckpointFiles.V1_LEGACY_TRANSCRIPT));
  }
}
