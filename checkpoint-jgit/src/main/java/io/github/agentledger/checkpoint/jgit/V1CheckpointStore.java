package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * The v1 store: every committed checkpoint on the orphan branch
 * {@code refs/heads/entire/checkpoints/v1}, sharded {@code <id[0:2]>/<id[2:]>/}, one numbered
 * directory per session (spec §5).
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

  V1CheckpointStore(Repository repository, StoreSettings settings, RefCas refCas) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.writes = new MetadataRefWrites(repository, settings, refCas, MetadataRefFormat.V1);
    this.reader = new MetadataRefReader(repository,
        List.of(RefNames.V1_BRANCH, RefNames.V1_REMOTE_TRACKING), MetadataRefReader.V1_SLOTS);
  }

  @Override
  public CheckpointId newCheckpointId() {
    return settings.newCheckpointId();
  }

  @Override
  public int write(WriteRequest request) {
    Objects.requireNonNull(request, "request");
    SessionBlobs blobs = SessionBlobs.insert(repository, settings, request,
        SessionMetadataJson.LegacyStartField.WRITE, RefNames.V1_BRANCH);
    return writes.write(request, blobs);
  }

  @Override
  public void update(UpdateRequest request) {
    Objects.requireNonNull(request, "request");
    Redactor redactor = settings.redactor();
    writes.update(request, Redaction.texts(redactor, request.prompts()),
        Redaction.transcript(redactor, request.transcript()));
  }

  @Override
  public void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    writes.updateSessionSummary(checkpointId, Redaction.summary(settings.redactor(), summary));
  }

  @Override
  public Optional<CheckpointSummary> readSummary(CheckpointId checkpointId) {
    return reader.summary(checkpointId);
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId, int sessionIndex) {
    return reader.session(checkpointId, sessionIndex);
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId,
      AgentSessionId sessionId) {
    return reader.session(checkpointId, sessionId);
  }

  @Override
  public Optional<SessionContent> readLatestSession(CheckpointId checkpointId) {
    return reader.latestSession(checkpointId);
  }

  @Override
  public List<CheckpointListEntry> list() {
    return reader.list();
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
