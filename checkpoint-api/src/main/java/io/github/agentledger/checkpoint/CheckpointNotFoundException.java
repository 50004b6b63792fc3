package io.github.agentledger.checkpoint;

/**
 * Thrown when an operation that changes an existing checkpoint (an update) finds no such
 * checkpoint, or no session in it. Reads report a missing checkpoint as an empty {@code Optional}
 * instead.
 */
public final class CheckpointNotFoundException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The checkpoint id this failure is about, kept for callers and logs. */
  private final CheckpointId checkpointId;
  /** The ref this failure is about, kept for callers and logs. */
  private final String ref;

  /**
   * Creates the exception.
   *
   * @param checkpointId the checkpoint that was looked for
   * @param ref the ref that was searched
   * @param detail what exactly was missing
   */
  public CheckpointNotFoundException(CheckpointId checkpointId, String ref, String detail) {
    super("checkpoint " + checkpointId + " not found on " + ref + ": " + detail, null);
    this.checkpointId = checkpointId;
    this.ref = ref;
  }

  /** {@return the checkpoint that was looked for} */
  public CheckpointId checkpointId() {
    return checkpointId;
  }

  /** {@return the ref that was searched} */
  public String ref() {
    return ref;
  }
}
