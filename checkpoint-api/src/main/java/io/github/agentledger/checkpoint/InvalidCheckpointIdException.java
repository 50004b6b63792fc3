package io.github.agentledger.checkpoint;

/**
 * Thrown when a text that should be a checkpoint id is neither 12 lowercase hex characters nor a
 * canonical 26-character ULID.
 */
public final class InvalidCheckpointIdException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The rejected this failure is about, kept for callers and logs. */
  private final String rejected;

  /**
   * Creates the exception.
   *
   * @param rejected the text that was rejected
   */
  public InvalidCheckpointIdException(String rejected) {
    super("invalid checkpoint id \"" + rejected + "\": expected exactly 12 lowercase hex characters"
        + " ([0-9a-f]{12}) or a 26-character ULID (Crockford base32, upper case, first character"
        + " 0-7)", null);
    this.rejected = rejected;
  }

  /** {@return the text that was rejected} */
  public String rejected() {
    return rejected;
  }
}
