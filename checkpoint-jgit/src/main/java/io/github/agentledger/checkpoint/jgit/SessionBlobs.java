package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.Prompts;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * The blobs of one session write in one layout, redacted, inserted and flushed once before any
 * ref is read, so that every compare-and-swap attempt (and every ref a layout writes) places them
 * by id. The transcript and prompt blobs come from a {@link PreparedSession}, which a dual write
 * shares between its two layouts.
 *
 * @param metadata the session metadata as requested
 * @param stored the session metadata exactly as its blob reads back (decoded from the bytes
 *     written), so that aggregating the summary need not read the blob just written
 * @param metadataBlob the {@code metadata.json} blob
 * @param promptBlob the {@code prompt.txt} blob, empty when there is no prompt
 * @param transcript the transcript chunks and hash, empty when there is no transcript
 * @param contextBlob the {@code context.md} blob, empty when the request carries no context
 * @param metadataBytes the bytes of {@code metadataBlob}, for merging the keys a rewrite keeps
 */
record SessionBlobs(SessionMetadata metadata, SessionMetadata stored, ObjectId metadataBlob,
    Optional<ObjectId> promptBlob, Optional<TranscriptBlobs> transcript,
    Optional<ObjectId> contextBlob, byte[] metadataBytes) {

  SessionBlobs {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(stored, "stored");
    metadataBlob = metadataBlob.copy();
    Objects.requireNonNull(promptBlob, "promptBlob");
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(contextBlob, "contextBlob");
    Objects.requireNonNull(metadataBytes, "metadataBytes");
  }

  /**
   * Redacts the request's transcript, prompts and summary and inserts the blobs for one layout.
   *
   * @param ref the ref the write is for, named in errors
   */
  static SessionBlobs insert(Repository repository, StoreSettings settings, WriteRequest request,
      SessionMetadataJson.LegacyStartField legacy, String ref) {
    return forLayout(repository, settings,
        PreparedSession.prepare(repository, settings, request, ref), request, legacy, ref);
  }

  /**
   * Encodes and inserts the {@code metadata.json} of one layout next to the blobs a prepared
   * session already holds.
   *
   * @param ref the ref the write is for, named in errors
   */
  static SessionBlobs forLayout(Repository repository, StoreSettings settings,
      PreparedSession prepared,
      WriteRequest request, SessionMetadataJson.LegacyStartField legacy, String ref) {
    try (ObjectInserter inserter = settings.newInserter(repository)) {
      byte[] metadataBytes = SessionMetadataJson.encode(prepared.metadata(), legacy);
      ObjectId metadataBlob = Blobs.insert(inserter, metadataBytes);
      inserter.flush();
      SessionMetadata stored = SessionMetadataJson.decode(metadataBytes, ref + ": new metadata");
      return new SessionBlobs(prepared.metadata(), stored, metadataBlob, prepared.promptBlob(),
          prepared.transcript(), prepared.contextBlob(), metadataBytes);
    } catch (IOException e) {
      throw new CheckpointStorageException("write checkpoint " + request.checkpointId() + " on "
          + ref + " failed: " + e.getMessage(), e);
    }
  }
}
