package io.github.agentledger.segment;

/** Thrown when text given as opaque JSON ({@link JsonText}) is not valid RFC 8259 JSON. */
public final class InvalidJsonException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The character offset in the text where the problem was found. */
  private final int offset;
  /** What is wrong. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param offset the character offset in the text where the problem was found
   * @param reason what is wrong
   */
  public InvalidJsonException(int offset, String reason) {
    super("invalid JSON at offset " + offset + ": " + reason, null);
    this.offset = offset;
    this.reason = reason;
  }

  /** {@return the character offset in the text where the problem was found} */
  public int offset() {
    return offset;
  }

  /** {@return what is wrong} */
  public String reason() {
    return reason;
  }
}
