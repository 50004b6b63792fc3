package io.github.agentledger.segment;

/**
 * Thrown when text or a {@link java.util.UUID} is not a valid session or segment id: not in the
 * canonical lowercase {@code 8-4-4-4-12} form, or not a version 7 UUID.
 *
 * <p>Ids become directory and file names, so this is also the guard against path traversal: a value
 * such as {@code "../x"} is rejected here before it can reach a file system.
 */
public final class InvalidIdException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The id type that was being built. */
  private final String idType;
  /** The rejected value, as given. */
  private final String value;

  /**
   * Creates the exception.
   *
   * @param idType the id type that was being built, for example {@code "SessionId"}
   * @param value the rejected value, as given
   * @param reason why the value was rejected
   */
  public InvalidIdException(String idType, String value, String reason) {
    super(idType + " '" + value + "' is invalid: " + reason, null);
    this.idType = idType;
    this.value = value;
  }

  /** {@return the id type that was being built} */
  public String idType() {
    return idType;
  }

  /** {@return the rejected value, as given} */
  public String value() {
    return value;
  }
}
