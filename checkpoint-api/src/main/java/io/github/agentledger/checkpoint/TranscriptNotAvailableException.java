package io.github.agentledger.checkpoint;

import java.util.Objects;

/**
 * Thrown by {@link SessionContent#requireTranscript()} when the slot's transcript names an object
 * that the local object database does not hold. Names the checkpoint, the slot and the object id.
 */
public final class TranscriptNotAvailableException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** What is missing, kept for callers and logs. */
  private final transient TranscriptNotAvailable missing;

  /**
   * Creates the exception.
   *
   * @param missing what is missing, and where
   */
  public TranscriptNotAvailableException(TranscriptNotAvailable missing) {
    super("checkpoint " + Objects.requireNonNull(missing, "missing").checkpointId() + ", slot "
        + missing.slot() + ": the transcript " + missing.path() + " (object " + missing.blob()
        + ") is not available locally (partial clone or pruned object database); fetch it from a"
        + " remote that has it", null);
    this.missing = missing;
  }

  /** {@return what is missing, and where} */
  public TranscriptNotAvailable missing() {
    return missing;
  }
}
