package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.Prompts;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * The blobs of one session write, redacted, inserted and flushed once before any ref is read, so
 * that every compare-and-swap attempt (and every ref a layout writes) places them by id.
 *
 * @param metadata the session metadata as requested
 * @param stored the session metadata exactly as its blob reads back (decoded from the bytes
 *     written), so that aggregating the summary need not read the blob just written
 * @param metadataBlob the {@code metadata.json} blob
 * @param promptBlob the {@code prompt.txt} blob, empty when there is no prompt
 * @param transcript the transcript chunks and hash, empty when there is no transcript
 */
record SessionBlobs(SessionMetadata metadata, SessionMetadata stored, ObjectId metadataBlob, Optional<ObjectId> promptBlob,
    Optional<TranscriptBlobs> transcript) {

  SessionBlobs {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(stored, "stored");
    metadataBlob = metadataBlob.copy();
    Objects.requireNonNull(promptBlob, "promptBlob");
    Objects.requireNonNull(transcript, "transcript");
  }

  /**
   * Redacts the request's transcript, prompts and summary and inserts the blobs.
   *
   * @param ref the ref the write is for, named in errors
   */
  static SessionBlobs insert(Repository repository, StoreSettings settings, WriteRequest request,
      SessionMetadataJson.LegacyStartField legacy, String ref) {
    Redactor redactor = settings.redactor();
    // One copy of the transcript: the redactor may return the array it was given.
    byte[] transcript = request.transcript().isEmpty() ? new byte[0]
        : redactor.redactTranscript(request.transcript().bytes());
    List<String> prompts = Redaction.texts(redactor, request.prompts());
    SessionMetadata metadata = V1Metadata.forWrite(request, settings, redactor);
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      Optional<TranscriptBlobs> transcriptBlobs = transcript.length == 0 ? Optional.empty()
          : Optional.of(TranscriptBlobs.insert(inserter, transcript, settings.maxChunkBytes()));
      Optional<ObjectId> promptBlob = prompts.isEmpty() ? Optional.empty()
          : Optional.of(Blobs.insert(inserter, Prompts.join(prompts)));
      byte[] metadataBytes = SessionMetadataJson.encode(metadata, legacy);
      ObjectId metadataBlob = Blobs.insert(inserter, metadataBytes);
      inserter.flush();
      SessionMetadata stored = SessionMetadataJson.decode(metadataBytes, ref + ": new metadata");
      return new SessionBlobs(metadata, stored, metadataBlob, promptBlob, transcriptBlobs);
    } catch (IOException e) {
      throw new CheckpointStorageException("write checkpoint " + request.checkpointId() + " on "
          + ref + " failed: " + e.getMessage(), e);
    }
  }
}
