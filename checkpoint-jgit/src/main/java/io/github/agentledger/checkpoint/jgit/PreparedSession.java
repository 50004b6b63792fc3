package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.Prompts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * What every layout stores alike for one session write, prepared once: the transcript, prompts
 * and summary redacted, the session metadata built from them, and the transcript and prompt
 * blobs inserted and flushed. A dual write places the same blobs in both layouts; only the
 * {@code metadata.json}, which differs between them, is encoded per layout
 * ({@link SessionBlobs#forLayout}).
 *
 * @param metadata the session metadata as requested, its summary redacted
 * @param promptBlob the {@code prompt.txt} blob, empty when there is no prompt
 * @param transcript the transcript chunks and hash, empty when there is no transcript
 * @param contextBlob the redacted {@code context.md} blob, empty when the request has no context
 */
record PreparedSession(SessionMetadata metadata, Optional<ObjectId> promptBlob,
    Optional<TranscriptBlobs> transcript, Optional<ObjectId> contextBlob) {

  PreparedSession {
    Objects.requireNonNull(metadata, "metadata");
    promptBlob = promptBlob.map(ObjectId::copy);
    Objects.requireNonNull(transcript, "transcript");
    contextBlob = contextBlob.map(ObjectId::copy);
  }

  /**
   * Redacts the request's transcript, prompts and summary and inserts the transcript and prompt
   * blobs.
   *
   * @param ref the ref the write is for, named in errors
   */
  static PreparedSession prepare(Repository repository, StoreSettings settings,
      WriteRequest request, String ref) {
    Redactor redactor = settings.redactor();
    // One copy of the transcript: the redactor may return the array it was given.
    byte[] transcript = request.transcript().isEmpty() ? new byte[0]
        : redactor.redactTranscript(request.transcript().bytes());
    List<String> prompts = Redaction.texts(redactor, request.prompts());
    SessionMetadata metadata = V1Metadata.forWrite(request, settings, redactor);
    try (ObjectInserter inserter = settings.newInserter(repository)) {
      Optional<TranscriptBlobs> transcriptBlobs = transcript.length == 0 ? Optional.empty()
          : Optional.of(TranscriptBlobs.insert(inserter, transcript, settings.maxChunkBytes()));
      Optional<ObjectId> promptBlob = prompts.isEmpty() ? Optional.empty()
          : Optional.of(Blobs.insert(inserter, Prompts.join(prompts)));
      Optional<ObjectId> contextBlob = request.context().isEmpty() ? Optional.empty()
          : Optional.of(Blobs.insert(inserter, redactor.redactText(request.context().get())
              .getBytes(StandardCharsets.UTF_8)));
      inserter.flush();
      return new PreparedSession(metadata, promptBlob, transcriptBlobs, contextBlob);
    } catch (IOException e) {
      throw new CheckpointStorageException("write checkpoint " + request.checkpointId() + " on "
          + ref + " failed: " + e.getMessage(), e);
    }
  }
}
