package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointNotFoundException;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;

/**
 * The v1 store: every committed checkpoint on the orphan branch
 * {@code refs/heads/entire/checkpoints/v1}, sharded {@code <id[0:2]>/<id[2:]>/}, one numbered
 * directory per session (spec §5).
 *
 * <p>Writes build blobs first (flushed once), then, for each compare-and-swap attempt, re-read
 * the tip, edit only the one checkpoint directory in memory and splice it into the root; the
 * working tree and the index are never touched. Reads use the local branch, else
 * {@code refs/remotes/origin/entire/checkpoints/v1}. Thread-safe.
 */
final class V1CheckpointStore implements CheckpointStore {
  private static final String REF = RefNames.V1_BRANCH;

  private final Repository repository;
  private final StoreSettings settings;
  private final RefCas refCas;
  private final V1Reader reader;

  V1CheckpointStore(Repository repository, StoreSettings settings, RefCas refCas) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.refCas = Objects.requireNonNull(refCas, "refCas");
    this.reader = new V1Reader(repository);
  }

  @Override
  public CheckpointId newCheckpointId() {
    return settings.newCheckpointId();
  }

  @Override
  public int write(WriteRequest request) {
    Objects.requireNonNull(request, "request");
    Redactor redactor = settings.redactor();
    Transcript transcript = Redaction.transcript(redactor, request.transcript());
    List<String> prompts = Redaction.texts(redactor, request.prompts());
    SessionMetadata metadata = V1Metadata.forWrite(request, settings, redactor);
    Author author = request.author().orElseGet(() -> Commits.configuredAuthor(repository));
    Optional<TranscriptBlobs> transcriptBlobs;
    Optional<ObjectId> promptBlob;
    ObjectId metadataBlob;
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      transcriptBlobs = transcript.isEmpty() ? Optional.empty()
          : Optional.of(TranscriptBlobs.insert(inserter, transcript.bytes(),
              settings.maxChunkBytes()));
      promptBlob = prompts.isEmpty() ? Optional.empty()
          : Optional.of(Blobs.insert(inserter, Prompts.join(prompts)));
      metadataBlob = Blobs.insert(inserter, SessionMetadataJson.encode(metadata,
          SessionMetadataJson.LegacyStartField.WRITE));
      inserter.flush();
    } catch (IOException e) {
      throw storageFailure("write checkpoint " + request.checkpointId(), e);
    }
    int[] chosen = new int[1];
    refCas.update(REF, tip -> {
      try (ObjectInserter inserter = repository.newObjectInserter();
          ObjectReader objects = inserter.newReader()) {
        Optional<ObjectId> parent;
        Optional<RevTree> root;
        if (tip.isPresent()) {
          parent = Optional.of(tip.get().copy());
          root = Optional.of(tip.get().getTree());
        } else {
          parent = Optional.of(initialCommit(inserter));
          root = Optional.empty();
        }
        CheckpointDirectory dir =
            CheckpointDirectory.read(objects, root, request.checkpointId(), REF);
        Optional<CheckpointSummary> previous = dir.readableSummary();
        int slot = SessionSlots.forWrite(dir, previous, request.sessionId(), REF);
        dir.clearSlot(slot);
        String transcriptPath = "";
        String hashPath = "";
        if (transcriptBlobs.isPresent()) {
          transcriptBlobs.get().placeInto(dir, slot, CheckpointFiles.V1_TRANSCRIPT,
              CheckpointFiles.V1_CONTENT_HASH);
          transcriptPath = absolute(request.checkpointId(), slot, CheckpointFiles.V1_TRANSCRIPT);
          hashPath = absolute(request.checkpointId(), slot, CheckpointFiles.V1_CONTENT_HASH);
        }
        String promptPath = "";
        if (promptBlob.isPresent()) {
          dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.PROMPT), promptBlob.get());
          promptPath = absolute(request.checkpointId(), slot, CheckpointFiles.PROMPT);
        }
        dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA), metadataBlob);
        SessionPaths paths = new SessionPaths(
            absolute(request.checkpointId(), slot, CheckpointFiles.METADATA), transcriptPath,
            hashPath, promptPath);
        CheckpointSummary summary = SummaryAggregation.aggregate(dir, previous, slot, paths,
            request, settings.cliVersion());
        dir.putBlob(CheckpointFiles.METADATA, Blobs.insert(inserter, SummaryJson.encode(summary)));
        ObjectId commit = Commits.create(inserter, dir.writeInto(inserter, root), parent, author,
            settings.clock(), V1Messages.checkpoint(request));
        inserter.flush();
        chosen[0] = slot;
        return Optional.of(commit);
      }
    });
    return chosen[0];
  }

  @Override
  public void update(UpdateRequest request) {
    Objects.requireNonNull(request, "request");
    Redactor redactor = settings.redactor();
    Transcript transcript = Redaction.transcript(redactor, request.transcript());
    List<String> prompts = Redaction.texts(redactor, request.prompts());
    String newHash = transcript.isEmpty() ? "" : ContentHash.of(transcript.bytes());
    Author author = Commits.configuredAuthor(repository);
    refCas.update(REF, tip -> {
      try (ObjectInserter inserter = repository.newObjectInserter();
          ObjectReader objects = inserter.newReader()) {
        CheckpointId id = request.checkpointId();
        Optional<RevTree> root = requireBranch(tip, id);
        CheckpointDirectory dir = CheckpointDirectory.read(objects, root, id, REF);
        int count = requireSessions(dir, id);
        int slot = SessionSlots.forUpdate(dir, count, request.sessionId());
        if (!transcript.isEmpty()) {
          String hashPath = CheckpointFiles.inSlot(slot, CheckpointFiles.V1_CONTENT_HASH);
          String stored = dir.readFile(hashPath)
              .map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
          if (!stored.equals(newHash)) {
            for (String name : dir.fileNamesInSlot(slot)) {
              if (name.equals(CheckpointFiles.V1_TRANSCRIPT)
                  || name.startsWith(CheckpointFiles.V1_TRANSCRIPT + ".")) {
                dir.remove(CheckpointFiles.inSlot(slot, name));
              }
            }
            TranscriptBlobs.insert(inserter, transcript.bytes(), settings.maxChunkBytes())
                .placeInto(dir, slot, CheckpointFiles.V1_TRANSCRIPT,
                    CheckpointFiles.V1_CONTENT_HASH);
          }
        }
        if (!prompts.isEmpty()) {
          dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.PROMPT),
              Blobs.insert(inserter, Prompts.join(prompts)));
        }
        ObjectId commit = Commits.create(inserter, dir.writeInto(inserter, root),
            Optional.of(tip.get().copy()), author, settings.clock(),
            V1Messages.finalizeTranscript(id));
        inserter.flush();
        return Optional.of(commit);
      }
    });
  }

  @Override
  public void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    SessionSummary redacted = Redaction.summary(settings.redactor(), summary);
    Author author = Commits.configuredAuthor(repository);
    refCas.update(REF, tip -> {
      try (ObjectInserter inserter = repository.newObjectInserter();
          ObjectReader objects = inserter.newReader()) {
        Optional<RevTree> root = requireBranch(tip, checkpointId);
        CheckpointDirectory dir = CheckpointDirectory.read(objects, root, checkpointId, REF);
        int slot = requireSessions(dir, checkpointId) - 1;
        String path = CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA);
        byte[] stored = dir.readFile(path).orElseThrow(() -> new CorruptCheckpointException(
            dir.where(path), "the latest session has no metadata.json", null));
        SessionMetadata metadata = SessionMetadataJson.decode(stored, dir.where(path));
        dir.putBlob(path, Blobs.insert(inserter,
            SessionMetadataJson.withSummary(stored, redacted, dir.where(path))));
        ObjectId commit = Commits.create(inserter, dir.writeInto(inserter, root),
            Optional.of(tip.get().copy()), author, settings.clock(),
            V1Messages.updateSummary(checkpointId, metadata.sessionId().value()));
        inserter.flush();
        return Optional.of(commit);
      }
    });
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

  private ObjectId initialCommit(ObjectInserter inserter) throws IOException {
    ObjectId emptyTree = inserter.insert(new TreeFormatter());
    return Commits.create(inserter, emptyTree, Optional.empty(),
        Commits.configuredAuthor(repository), settings.clock(), V1Messages.INITIALIZE);
  }

  private static Optional<RevTree> requireBranch(Optional<RevCommit> tip, CheckpointId id) {
    if (tip.isEmpty()) {
      throw new CheckpointNotFoundException(id, REF, "the branch does not exist");
    }
    return Optional.of(tip.get().getTree());
  }

  private static int requireSessions(CheckpointDirectory dir, CheckpointId id)
      throws IOException {
    if (!dir.existed()) {
      throw new CheckpointNotFoundException(id, REF, "no directory " + id.shardedPath() + "/");
    }
    Optional<CheckpointSummary> summary = dir.summary();
    if (summary.isEmpty() || summary.get().sessions().isEmpty()) {
      throw new CheckpointNotFoundException(id, REF, "the summary lists no session");
    }
    return summary.get().sessions().size();
  }

  private static String absolute(CheckpointId id, int slot, String name) {
    return CheckpointFiles.absolute(id, CheckpointFiles.inSlot(slot, name));
  }

  private static CheckpointStorageException storageFailure(String what, IOException e) {
    return new CheckpointStorageException(what + " on " + REF + " failed: " + e.getMessage(), e);
  }
}
