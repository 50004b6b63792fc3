package io.github.agentledger.checkpoint;

/**
 * Thrown when a request to a checkpoint store carries a value that the format forbids (an empty
 * session id, a path separator in a name, a negative count). Nothing is written.
 */
public final class InvalidCheckpointRequestException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The field this failure is about, kept for callers and logs. */
  private final String field;
  /** The rejected this failure is about, kept for callers and logs. */
  private final String rejected;

  /**
   * Creates the exception.
   *
   * @param field the name of the offending field
   * @param rejected the rejected value, as text
   * @param rule what the value must satisfy
   */
  public InvalidCheckpointRequestException(String field, String rejected, String rule) {
    super("invalid " + field + " \"" + rejected + "\": " + rule, null);
    this.field = field;
    this.rejected = rejected;
  }

  /** {@return the name of the offending field} */
  public String field() {
    return field;
  }

  /** {@return the rejected value, as text} */
  public String rejected() {
    return rejected;
  }
}
