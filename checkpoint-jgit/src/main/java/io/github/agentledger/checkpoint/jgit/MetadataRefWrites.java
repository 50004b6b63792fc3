package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointNotFoundException;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
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
import org.eclipse.jgit.lib.Repository;

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
    Author author = request.author().orElseGet(() -> Commits.configuredAuthor(repository));
    String ref = format.ref();
    CheckpointId id = request.checkpointId();
    return edits.edit(ref, id, author, format.initializeMessage(), edit -> {
      CheckpointDirectory dir = edit.directory();
      Optional<CheckpointSummary> previous = dir.readableSummary();
      int slot = SessionSlots.forWrite(dir, previous, request.sessionId(), ref);
      dir.clearSlot(slot);
      String transcriptPath = "";
      String hashPath = "";
      if (blobs.transcript().isPresent() && format.slotTranscript().isPresent()) {
        TranscriptNames names = format.slotTranscript().get();
        blobs.transcript().get().placeInto(dir, slot, names.base(), names.hash());
        transcriptPath = absolute(id, slot, names.base());
        hashPath = absolute(id, slot, names.hash());
      }
      String promptPath = "";
      if (blobs.promptBlob().isPresent()) {
        dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.PROMPT),
            blobs.promptBlob().get());
        promptPath = absolute(id, slot, CheckpointFiles.PROMPT);
      }
      dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA), blobs.metadataBlob());
      SessionPaths paths = new SessionPaths(absolute(id, slot, CheckpointFiles.METADATA),
          transcriptPath, hashPath, promptPath);
      CheckpointSummary summary = SummaryAggregation.aggregate(dir, previous, slot,
          blobs.stored(), paths, request, settings.cliVersion());
      dir.putBlob(CheckpointFiles.METADATA,
          Blobs.insert(edit.inserter(), SummaryJson.encode(summary)));
      return CheckpointEdits.Edited.commit(format.writeMessage().apply(request),
          new Written(slot, dir.existed() ? Presence.EXISTING : Presence.NEW));
    });
  }

  /**
   * Finalises one slot: replaces its prompts (when given) and, on a ref that holds raw
   * transcripts, its transcript (when given and its hash differs). Always commits.
   *
   * @param prompts the redacted prompts, empty to keep the stored ones
   * @param transcript the redacted transcript, empty to keep the stored one
   * @return the slot finalised
   * @throws CheckpointNotFoundException when the ref, the checkpoint or its sessions are missing
   */
  int update(UpdateRequest request, List<String> prompts, Transcript transcript) {
    String newHash = transcript.isEmpty() || format.slotTranscript().isEmpty() ? ""
        : ContentHash.of(transcript.bytes());
    Author author = Commits.configuredAuthor(repository);
    CheckpointId id = request.checkpointId();
    return edits.edit(format.ref(), id, author, format.initializeMessage(), edit -> {
      int count = requireSessions(edit, id);
      CheckpointDirectory dir = edit.directory();
      int slot = SessionSlots.forUpdate(dir, count, request.sessionId());
      if (!transcript.isEmpty() && format.slotTranscript().isPresent()) {
        TranscriptNames names = format.slotTranscript().get();
        String stored = dir.readFile(CheckpointFiles.inSlot(slot, names.hash()))
            .map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
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
      return CheckpointEdits.Edited.commit(format.finalizeMessage().apply(id), slot);
    });
  }

  /** Sets the AI summary of the latest slot (already redacted). */
  void updateSessionSummary(CheckpointId checkpointId, SessionSummary redacted) {
    Author author = Commits.configuredAuthor(repository);
    edits.edit(format.ref(), checkpointId, author, format.initializeMessage(), edit -> {
      int slot = requireSessions(edit, checkpointId) - 1;
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
   * Counts the checkpoint's sessions, requiring the ref, the directory and at least one session.
   *
   * @throws CheckpointNotFoundException when one of them is missing
   */
  private int requireSessions(CheckpointEdits.Edit edit, CheckpointId id)
      throws IOException {
    if (!edit.refExists()) {
      throw new CheckpointNotFoundException(id, format.ref(), "the ref does not exist");
    }
    CheckpointDirectory dir = edit.directory();
    if (!dir.existed()) {
      throw new CheckpointNotFoundException(id, format.ref(),
          "no directory " + id.shardedPath() + "/");
    }
    Optional<CheckpointSummary> summary = dir.summary();
    if (summary.isEmpty() || summary.get().sessions().isEmpty()) {
      throw new CheckpointNotFoundException(id, format.ref(), "the summary lists no session");
    }
    return summary.get().sessions().size();
  }

  private static String absolute(CheckpointId id, int slot, String name) {
    return CheckpointFiles.absolute(id, CheckpointFiles.inSlot(slot, name));
  }
}
