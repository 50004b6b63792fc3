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
import io.github.agentledger.checkpoint.SessionSummary;
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
 * The v1 store: every committed checkpoint on the orphan branch
 * {@code refs/heads/entire/checkpoints/v1}, sharded {@code <id[0:2]>/<id[2:]>/}, one numbered
 * directory per session (docs/checkpoint-format.md#the-v1-layout).
 *
 * <p>Writes build blobs first (flushed once), then, for each compare-and-swap attempt, re-read
 * the tip, edit only the one checkpoint directory in memory and splice it into the root; the
 * working tree and the index are never touched ({@link MetadataRefWrites}). Reads use the local
 * branch, else {@code refs/remotes/origin/entire/checkpoints/v1}. Thread-safe.
 */
final class V1CheckpointStore implements CheckpointStore {
  private final Repository repository;
  private final StoreSettings settings;
  private final MetadataRefWrites writes;
  private final MetadataRefReader reader;
  private final Optional<MissingObjectFetch> objects;

  /**
   * Creates the store.
   *
   * @param objects where a session read whose transcript object is missing locally fetches it
   *     from; empty to read locally only
   */
  V1CheckpointStore(Repository repository, StoreSettings settings, RefCas refCas,
      Optional<MissingObjectFetch> objects) {
    this.objects = Objects.requireNonNull(objects, "objects");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.writes = new MetadataRefWrites(repository, settings, refCas, MetadataRefFormat.V1);
    this.reader = new MetadataRefReader(repository, settings,
        List.of(RefNames.V1_BRANCH, RefNames.V1_REMOTE_TRACKING), MetadataRefReader.V1_SLOTS);
  }

  @Override
  public CheckpointId newCheckpointId() {
    return settings.newCheckpointId();
  }

  @Override
  public int write(WriteRequest request) {
    Objects.requireNonNull(request, "request");
    return write(request, prepare(request));
  }

  /** Redacts and inserts what the write stores in every layout. */
  PreparedSession prepare(WriteRequest request) {
    return PreparedSession.prepare(repository, settings, request, RefNames.V1_BRANCH);
  }

  /**
   * Writes a session whose shared blobs are already prepared.
   *
   * @return the slot written
   */
  int write(WriteRequest request, PreparedSession prepared) {
    SessionBlobs blobs = SessionBlobs.forLayout(repository, settings, prepared, request,
        SessionMetadataJson.LegacyStartField.WRITE, RefNames.V1_BRANCH);
    return writes.write(request, blobs);
  }

  @Override
  public void update(UpdateRequest request) {
    Objects.requireNonNull(request, "request");
    update(request, redact(request));
  }

  /** {@return the request's prompts and transcript, redacted} */
  RedactedUpdate redact(UpdateRequest request) {
    return RedactedUpdate.of(settings.redactor(), request);
  }

  /** Finalises with prompts and transcript already redacted. */
  void update(UpdateRequest request, RedactedUpdate redacted) {
    writes.update(request, redacted.prompts(), redacted.transcript());
  }

  @Override
  public void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    updateRedactedSummary(checkpointId, redact(summary));
  }

  /** {@return the summary, redacted} */
  SessionSummary redact(SessionSummary summary) {
    return Redaction.summary(settings.redactor(), summary);
  }

  /** Sets the latest slot's summary, already redacted. */
  void updateRedactedSummary(CheckpointId checkpointId, SessionSummary redacted) {
    writes.updateSessionSummary(checkpointId, redacted);
  }

  /** Re-aggregates the summary on the v1 branch ({@link MetadataRefWrites#reaggregateSummary}). */
  List<SummaryRepair> reaggregateSummary(CheckpointId checkpointId) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    return List.of(writes.reaggregateSummary(checkpointId));
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
    return withObjects(() -> reader.session(checkpointId, sessionIndex));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId,
      AgentSessionId sessionId) {
    return withObjects(() -> reader.session(checkpointId, sessionId));
  }

  @Override
  public Optional<SessionContent> readLatestSession(CheckpointId checkpointId) {
    return withObjects(() -> reader.latestSession(checkpointId));
  }

  private Optional<SessionContent> withObjects(Supplier<Optional<SessionContent>> read) {
    return objects.isPresent() ? objects.get().readRetrying(read) : read.get();
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
}
