package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointNotFoundException;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.SessionNotInCheckpointException;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.Commits;
import io.github.agentledger.checkpoint.jgit.internal.ContentHash;
import io.github.agentledger.checkpoint.jgit.internal.Prompts;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.internal.SummaryJson;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Writes, finalises and summarises checkpoints on a ref that holds summaries and session metadata:
 * the v1 branch or v2 {@code /main} ({@link MetadataRefFormat}). Each operation is one run of the
 * {@link CheckpointEdits} loop: every attempt re-reads the tip, edits only the one checkpoint
 * directory and splices it in (docs/checkpoint-format.md#writing-a-checkpoint); a missing ref is
 * created as an orphan commit with an empty tree inside the same attempt. Thread-safe.
 */
final class MetadataRefWrites {
  private final Repository repository;
  private final StoreSettings settings;
  private final CheckpointEdits edits;
  private final MetadataRefFormat format;

  MetadataRefWrites(Repository repository, StoreSettings settings, RefCas refCas,
      MetadataRefFormat format) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.edits = new CheckpointEdits(repository, settings, refCas);
    this.format = Objects.requireNonNull(format, "format");
  }

  /** Whether a checkpoint's directory existed on the ref before a write. */
  enum Presence {
    /** The ref held no directory for the checkpoint: the write created it. */
    NEW,
    /** The directory existed: the write added or replaced a slot in it. */
    EXISTING
  }

  /**
   * What a write did.
   *
   * @param slot the slot written
   * @param before whether the checkpoint was on the ref before the write
   */
  record Written(int slot, Presence before) {
    Written {
      Objects.requireNonNull(before, "before");
    }
  }

  String ref() {
    return format.ref();
  }

  /**
   * Writes one session slot and re-aggregates the summary.
   *
   * @return the slot written
   */
  int write(WriteRequest request, SessionBlobs blobs) {
    return writeSlot(request, blobs).slot();
  }

  /**
   * Writes one session slot and re-aggregates the summary.
   *
   * @return the slot written and whether the checkpoint was on the ref before (as seen by the
   *     attempt whose compare-and-swap succeeded)
   */
  Written writeSlot(WriteRequest request, SessionBlobs blobs) {
    return edits.edit(format.ref(), request.checkpointId(), author(request),
        format.initializeMessage(), writeEditor(request, blobs));
  }

  /**
   * One attempt of {@link #writeSlot} on a tip the caller read, without moving the ref (for a
   * write that moves this ref together with others in one transaction).
   *
   * @param tip the ref's tip, empty when it does not exist
   * @return the commit to move the ref to and what the write did
   */
  RefCas.Attempt<Written> writeAttempt(WriteRequest request, SessionBlobs blobs,
      Optional<RevCommit> tip) throws IOException {
    return edits.attempt(format.ref(), tip, request.checkpointId(), author(request),
        format.initializeMessage(), writeEditor(request, blobs));
  }

  private Author author(WriteRequest request) {
    return request.author().orElseGet(() -> Commits.configuredAuthor(repository));
  }

  private CheckpointEdits.Editor<Written> writeEditor(WriteRequest request, SessionBlobs blobs) {
    return edit -> {
      Written written = writeSlotInto(edit, edit.directory(), request, blobs,
          format.slotTranscript(), settings.cliVersion());
      return CheckpointEdits.Edited.commit(format.writeMessage().apply(request), written);
    };
  }

  /**
   * The edit of a write, shared by every layout that keeps session slots (v1, v2 {@code /main},
   * git-refs): picks the session's slot (its own, or one no directory uses), replaces only that
   * slot's files, and re-aggregates the summary, keeping what the library does not model.
   *
   * @param dir the checkpoint directory being edited
   * @param slotTranscript where a slot's raw transcript goes; empty on a ref without transcripts
   * @param cliVersion the {@code cli_version} of a new summary
   * @return the slot written and whether the checkpoint existed before
   */
  static Written writeSlotInto(CheckpointEdits.Edit edit, CheckpointDirectory dir,
      WriteRequest request, SessionBlobs blobs, Optional<TranscriptNames> slotTranscript,
      String cliVersion) throws IOException {
    Optional<CheckpointSummary> previous = dir.readableSummary();
    Optional<byte[]> previousBytes = previous.isPresent()
        ? dir.readFile(CheckpointFiles.METADATA) : Optional.empty();
    int slot = SessionSlots.forWrite(dir, request.sessionId());
    ObjectId metadataBlob = keptKeys(dir, slot, blobs, edit.inserter());
    dir.clearSlot(slot);
    String transcriptPath = "";
    String hashPath = "";
    if (blobs.transcript().isPresent() && slotTranscript.isPresent()) {
      TranscriptNames names = slotTranscript.get();
      blobs.transcript().get().placeInto(dir, slot, names.base(), names.hash());
      transcriptPath = dir.absolute(slot, names.base());
      hashPath = dir.absolute(slot, names.hash());
    }
    String promptPath = "";
    if (blobs.promptBlob().isPresent()) {
      dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.PROMPT),
          blobs.promptBlob().get());
      promptPath = dir.absolute(slot, CheckpointFiles.PROMPT);
    }
    String contextPath = "";
    if (blobs.contextBlob().isPresent()) {
      dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointDirectory.CONTEXT),
          blobs.contextBlob().get());
      contextPath = dir.absolute(slot, CheckpointDirectory.CONTEXT);
    }
    dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA), metadataBlob);
    SessionPaths paths = new SessionPaths(dir.absolute(slot, CheckpointFiles.METADATA),
        transcriptPath, hashPath, promptPath, contextPath, slot);
    CheckpointSummary summary = SummaryAggregation.aggregate(dir, previous, slot,
        blobs.stored(), paths, request, cliVersion);
    byte[] summaryBytes = previousBytes.isPresent()
        ? SummaryJson.rewrite(previousBytes.get(), summary, slot,
            dir.where(CheckpointFiles.METADATA))
        : SummaryJson.encode(summary);
    dir.putBlob(CheckpointFiles.METADATA, Blobs.insert(edit.inserter(), summaryBytes));
    return new Written(slot, dir.existed() ? Presence.EXISTING : Presence.NEW);
  }

  /**
   * The metadata blob of a write: the request's, plus, when the session rewrites its own slot,
   * the keys the previous metadata had that this library does not model
   * (docs/checkpoint-format.md#real-repositories).
   */
  private static ObjectId keptKeys(CheckpointDirectory dir, int slot, SessionBlobs blobs,
      ObjectInserter inserter) throws IOException {
    String path = CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA);
    Optional<byte[]> previous;
    try {
      previous = dir.readFile(path);
    } catch (MissingObjectException absentLocally) {
      previous = Optional.empty();
    }
    if (previous.isEmpty()) {
      return blobs.metadataBlob();
    }
    byte[] merged = SessionMetadataJson.keepUnknownKeys(previous.get(), blobs.metadataBytes(),
        dir.where(path));
    return merged == blobs.metadataBytes() ? blobs.metadataBlob()
        : Blobs.insert(inserter, merged);
  }

  /**
   * Finalises the slot the request's session owns: replaces its prompts (when given) and, on a
   * ref that holds raw transcripts, its transcript (when given and its hash differs). Always
   * commits.
   *
   * @param prompts the redacted prompts, empty to keep the stored ones
   * @param transcript the redacted transcript, empty to keep the stored one
   * @return the slot finalised
   * @throws CheckpointNotFoundException when the ref, the checkpoint or its sessions are missing
   * @throws SessionNotInCheckpointException when no slot belongs to the request's session
   */
  int update(UpdateRequest request, List<String> prompts, Transcript transcript) {
    String newHash = transcript.isEmpty() || format.slotTranscript().isEmpty() ? ""
        : ContentHash.of(transcript.bytes());
    Author author = Commits.configuredAuthor(repository);
    CheckpointId id = request.checkpointId();
    return edits.edit(format.ref(), id, author, format.initializeMessage(), edit -> {
      requireSessions(edit, id);
      int slot = finaliseSlotInto(edit, edit.directory(), request, format.ref(), prompts,
          transcript, newHash, format.slotTranscript(), settings);
      return CheckpointEdits.Edited.commit(format.finalizeMessage().apply(id), slot);
    });
  }

  /**
   * The edit of a finalisation, shared by every layout that keeps session slots: finds the slot
   * the request's session owns, replaces its transcript (when given and its hash differs from
   * {@code newHash}) and its prompts (when given).
   *
   * @param ref the ref, named in errors
   * @return the slot finalised
   * @throws SessionNotInCheckpointException when no slot belongs to the request's session
   */
  static int finaliseSlotInto(CheckpointEdits.Edit edit, CheckpointDirectory dir,
      UpdateRequest request, String ref, List<String> prompts, Transcript transcript,
      String newHash, Optional<TranscriptNames> slotTranscript, StoreSettings settings)
      throws IOException {
    int slot = SessionSlots.forUpdate(dir, request.sessionId(), ref);
    if (!transcript.isEmpty() && slotTranscript.isPresent()) {
      TranscriptNames names = slotTranscript.get();
      String stored = storedHash(dir, slot, names);
      if (!stored.equals(newHash)) {
        for (String name : dir.fileNamesInSlot(slot)) {
          if (!name.equals(names.hash()) && names.owns(name)) {
            dir.remove(CheckpointFiles.inSlot(slot, name));
          }
        }
        TranscriptBlobs.insert(edit.inserter(), transcript.bytes(), settings.maxChunkBytes())
            .placeInto(dir, slot, names.base(), names.hash());
      }
    }
    if (!prompts.isEmpty()) {
      dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.PROMPT),
          Blobs.insert(edit.inserter(), Prompts.join(prompts)));
    }
    return slot;
  }

  /** The stored hash text of a slot; empty when absent, or missing locally (then rewritten). */
  private static String storedHash(CheckpointDirectory dir, int slot, TranscriptNames names)
      throws IOException {
    try {
      return dir.readFile(CheckpointFiles.inSlot(slot, names.hash()))
          .map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    } catch (MissingObjectException absentLocally) {
      return "";
    }
  }

  /** Sets the AI summary of the latest slot, the highest slot number (already redacted). */
  void updateSessionSummary(CheckpointId checkpointId, SessionSummary redacted) {
    Author author = Commits.configuredAuthor(repository);
    edits.edit(format.ref(), checkpointId, author, format.initializeMessage(), edit -> {
      int slot = requireSessions(edit, checkpointId);
      CheckpointDirectory dir = edit.directory();
      String path = CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA);
      byte[] stored = dir.readFile(path).orElseThrow(() -> new CorruptCheckpointException(
          dir.where(path), "the latest session has no metadata.json", null));
      SessionMetadata metadata = SessionMetadataJson.decode(stored, dir.where(path));
      dir.putBlob(path, Blobs.insert(edit.inserter(),
          SessionMetadataJson.withSummary(stored, redacted, dir.where(path))));
      return CheckpointEdits.Edited.commit(
          V1Messages.updateSummary(checkpointId, metadata.sessionId().value()), slot);
    });
  }

  /**
   * Re-aggregates the checkpoint's summary from its slot directories
   * ({@link SummaryAggregation#reaggregate}) as one commit, or leaves the ref alone when the stored
   * summary already is its re-aggregation.
   *
   * @throws CheckpointNotFoundException when the ref, the checkpoint or its sessions are missing
   */
  SummaryRepair reaggregateSummary(CheckpointId id) {
    Author author = Commits.configuredAuthor(repository);
    return edits.edit(format.ref(), id, author, format.initializeMessage(), edit -> {
      requireSessions(edit, id);
      return reaggregateInto(edit, edit.directory(), format.ref());
    });
  }

  /**
   * The edit of a summary re-aggregation, shared by every layout that keeps session slots.
   *
   * @param ref the ref, reported in the result
   */
  static CheckpointEdits.Edited<SummaryRepair> reaggregateInto(CheckpointEdits.Edit edit,
      CheckpointDirectory dir, String ref) throws IOException {
    byte[] fresh = SummaryAggregation.reaggregate(dir);
    Optional<byte[]> stored = dir.readFile(CheckpointFiles.METADATA);
    if (stored.isPresent() && java.util.Arrays.equals(stored.get(), fresh)) {
      return CheckpointEdits.Edited.leave(
          new SummaryRepair(dir.id(), ref, SummaryRepair.Outcome.UNCHANGED));
    }
    dir.putBlob(CheckpointFiles.METADATA, Blobs.insert(edit.inserter(), fresh));
    return CheckpointEdits.Edited.commit(V1Messages.reaggregateSummary(dir.id()),
        new SummaryRepair(dir.id(), ref, SummaryRepair.Outcome.REWRITTEN));
  }

  /**
   * Requires the ref (or its remote-tracking copy), the checkpoint directory and at least one
   * slot directory in it.
   *
   * @return the highest slot number
   * @throws CheckpointNotFoundException when one of them is missing
   */
  private int requireSessions(CheckpointEdits.Edit edit, CheckpointId id) throws IOException {
    if (!edit.refExists()) {
      throw new CheckpointNotFoundException(id, format.ref(), "the ref does not exist");
    }
    CheckpointDirectory dir = edit.directory();
    if (!dir.existed()) {
      throw new CheckpointNotFoundException(id, format.ref(),
          "no directory " + id.shardedPath() + "/");
    }
    if (dir.slots().isEmpty()) {
      throw new CheckpointNotFoundException(id, format.ref(), "it holds no session slot");
    }
    return dir.slots().last();
  }
}
