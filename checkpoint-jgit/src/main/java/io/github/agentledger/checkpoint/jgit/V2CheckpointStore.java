package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointSummaryHead;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.ListedCheckpoints;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Repository;

/**
 * The v2 store as the seed design describes it (docs/checkpoint-format.md#the-v2-layout):
 * summaries, session metadata (without {@code transcript_lines_at_start}) and prompts on {@code
 * refs/entire/checkpoints/v2/main}; raw transcripts on {@code
 * refs/entire/checkpoints/v2/full/current}, accumulating until the generation is rotated into a
 * numbered archive ({@link GenerationRotation}).
 *
 * <p>A write with a transcript never lists a checkpoint on {@code /main} before its transcript is
 * on {@code /full/current}, and archives a generation that was full in the move that adds the
 * checkpoint: on a file-based ref database it moves {@code /full/current} first, then {@code
 * /main}, each by its own compare-and-swap ({@link V2OrderedWrite}: an atomic batch there would
 * serialise every writer on {@code packed-refs.lock}); on other ref databases that perform atomic
 * transactions (in memory, reftable) it moves both in one transaction ({@link V2AtomicWrite});
 * then it runs the rotation check. Elsewhere it goes to {@code /main} first, then to {@code
 * /full/current}, then runs the rotation check. A write without a transcript removes any raw transcript the slot had, so no stale
 * transcript survives a rewrite (upstream left it; the store contract forbids it); for a checkpoint
 * new to {@code /main} only {@code /full/current} is checked, since an archive can only hold
 * checkpoints that were on {@code /main} before, and so no write reads the archives unless it
 * rewrites an existing checkpoint. An update finalises {@code /main} (prompts) and the transcript
 * where the slot lives. Without atomic transactions, if {@code /main} succeeds and {@code /full}
 * fails, the error is reported and {@code /main} keeps the checkpoint without a transcript until
 * the write is repeated (or, in a dual write, {@code reconcile} copies it from v1)
 * (docs/checkpoint-format.md#v2-fullcurrent-and-archives). Reads take summary, metadata and prompts
 * from {@code /main} (no remote-tracking fallback) and the transcript from {@link FullRefReads};
 * when no local generation holds a session's transcript and a {@link MissingArchiveFetch} is
 * configured, the missing archived generations are fetched once and the session is read again.
 * Thread-safe.
 */
final class V2CheckpointStore implements CheckpointStore {
  private final Repository repository;
  private final StoreSettings settings;
  private final MetadataRefWrites main;
  private final MetadataRefReader reader;
  private final FullRefReads fullReads;
  private final FullRefWrites fullWrites;
  private final GenerationRotation rotation;
  private final Optional<MissingArchiveFetch> archives;
  private final Optional<MissingObjectFetch> objects;
  private final V2AtomicWrite atomic;
  private final V2OrderedWrite ordered;

  /**
   * Creates the store.
   *
   * @param archives where a session read whose transcript no local generation holds fetches the
   *     missing archived generations from; empty to read locally only
   * @param objects where a session read whose raw transcript names an object missing from the
   *     local object database fetches that object from; empty to read locally only
   */
  V2CheckpointStore(Repository repository, StoreSettings settings, RefCas refCas,
      GenerationRotation rotation, Optional<MissingArchiveFetch> archives,
      Optional<MissingObjectFetch> objects) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.archives = Objects.requireNonNull(archives, "archives");
    this.objects = Objects.requireNonNull(objects, "objects");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rotation = Objects.requireNonNull(rotation, "rotation");
    this.main = new MetadataRefWrites(repository, settings, refCas, MetadataRefFormat.V2_MAIN);
    this.fullReads = new FullRefReads(repository, settings);
    this.fullWrites = new FullRefWrites(repository, settings, refCas, fullReads);
    this.atomic = new V2AtomicWrite(repository, refCas, main, fullWrites, rotation,
        rotation.logger());
    this.ordered = new V2OrderedWrite(repository, refCas, main, fullWrites, rotation, atomic,
        rotation.logger());
    this.reader = new MetadataRefReader(repository, settings, List.of(RefNames.V2_MAIN),
        (objectReader, dir, slot) -> SessionReading.read(dir, slot,
            () -> fullReads.transcript(objectReader, dir.id(), slot)));
  }

  @Override
  public CheckpointId newCheckpointId() {
    return settings.newCheckpointId();
  }

  @Override
  public int write(WriteRequest request) {
    Objects.requireNonNull(request, "request");
    return write(request,
        PreparedSession.prepare(repository, settings, request, RefNames.V2_MAIN));
  }

  /**
   * Writes a session whose shared blobs are already prepared (by this store or, in a dual
   * write, for the v1 write before it).
   *
   * @return the slot written
   */
  int write(WriteRequest request, PreparedSession prepared) {
    SessionBlobs blobs = SessionBlobs.forLayout(repository, settings, prepared, request,
        SessionMetadataJson.LegacyStartField.OMIT, RefNames.V2_MAIN);
    if (blobs.transcript().isPresent() && (ordered.supported() || atomic.supported())) {
      V2AtomicWrite.Outcome outcome = ordered.supported()
          ? ordered.write(request, blobs, blobs.transcript().get())
          : atomic.write(request, blobs, blobs.transcript().get());
      if (!outcome.rotated() && outcome.count() >= rotation.maxCheckpoints()) {
        rotation.rotateIfNeeded();
      }
      return outcome.slot();
    }
    MetadataRefWrites.Written written = main.writeSlot(request, blobs);
    int slot = written.slot();
    if (blobs.transcript().isPresent()) {
      int count = fullWrites.write(request.checkpointId(), slot, blobs.transcript().get(),
          blobs.metadata().createdAt());
      if (count >= rotation.maxCheckpoints()) {
        rotation.rotateIfNeeded();
      }
    } else {
      fullWrites.removeSlot(request.checkpointId(), slot,
          written.before() == MetadataRefWrites.Presence.NEW
              ? FullRefWrites.Search.CURRENT_ONLY : FullRefWrites.Search.ALL_GENERATIONS);
    }
    return slot;
  }

  @Override
  public void update(UpdateRequest request) {
    Objects.requireNonNull(request, "request");
    update(request, RedactedUpdate.of(settings.redactor(), request));
  }

  /** Finalises with prompts and transcript already redacted (in a dual write, once for both). */
  void update(UpdateRequest request, RedactedUpdate redacted) {
    Transcript transcript = redacted.transcript();
    int slot = main.update(request, redacted.prompts(), transcript);
    if (!transcript.isEmpty()) {
      FullRefWrites.Target target = fullWrites.update(request.checkpointId(), slot, transcript);
      if (target == FullRefWrites.Target.CURRENT) {
        rotation.rotateIfNeeded();
      }
    }
  }

  @Override
  public void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    updateRedactedSummary(checkpointId, Redaction.summary(settings.redactor(), summary));
  }

  /** Sets the latest slot's summary, already redacted (in a dual write, once for both). */
  void updateRedactedSummary(CheckpointId checkpointId, SessionSummary redacted) {
    main.updateSessionSummary(checkpointId, redacted);
  }

  /** Re-aggregates the summary on {@code /main}, where v2 keeps summaries and slot metadata. */
  List<SummaryRepair> reaggregateSummary(CheckpointId checkpointId) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    return List.of(main.reaggregateSummary(checkpointId));
  }

  @Override
  public Optional<CheckpointSummary> readSummary(CheckpointId checkpointId) {
    return reader.summary(checkpointId);
  }

  @Override
  public Optional<CheckpointSummaryHead> readSummaryHead(CheckpointId checkpointId,
      int maxSessions) {
    return reader.summaryHead(checkpointId, SummaryHeads.checkedMax(maxSessions));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId, int sessionIndex) {
    return withArchives(() -> reader.session(checkpointId, sessionIndex));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId,
      AgentSessionId sessionId) {
    return withArchives(() -> reader.session(checkpointId, sessionId));
  }

  @Override
  public Optional<SessionContent> readLatestSession(CheckpointId checkpointId) {
    return withArchives(() -> reader.latestSession(checkpointId));
  }

  /**
   * Reads a session, fetching on demand what is configured: a missing transcript object first
   * (the slot is found, its blob is not here), then missing archived generations (no local
   * generation holds the slot).
   */
  private Optional<SessionContent> withArchives(Supplier<Optional<SessionContent>> read) {
    Supplier<Optional<SessionContent>> withObjects =
        objects.isPresent() ? () -> objects.get().readRetrying(read) : read;
    return archives.isPresent() ? archives.get().readRetrying(withObjects) : withObjects.get();
  }

  @Override
  public List<CheckpointListEntry> list() {
    return reader.list();
  }

  @Override
  public ListedCheckpoints listing() {
    return reader.listing();
  }

  @Override
  public Optional<Author> checkpointAuthor(CheckpointId checkpointId) {
    return reader.author(checkpointId);
  }

  @Override
  public List<CheckpointId> linkedCheckpoints(CommitId commit) {
    return LinkedCheckpoints.of(repository, commit);
  }

  /** {@return the archived generations, oldest first} */
  List<ArchivedGeneration> archivedGenerations() {
    return fullReads.archived();
  }

  /** {@return what {@code /full/current} holds, empty when it does not exist} */
  Optional<GenerationMetadata> currentGeneration() {
    return fullReads.current();
  }

  /** {@return the generation a reader takes the checkpoint's transcripts from first} */
  Optional<GenerationLocation> generationOf(CheckpointId checkpointId) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    return fullReads.generationOf(checkpointId);
  }

  /** {@return whether {@code /main} holds the checkpoint} */
  boolean contains(CheckpointId checkpointId) {
    return reader.contains(checkpointId);
  }
}
