package io.github.agentledger.segment;

import java.io.IOException;

/** Thrown when the storage beneath a segment store fails; the cause is the I/O failure. */
public final class SegmentIoException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** What the store was doing. */
  private final String operation;
  /** The file or segment concerned. */
  private final String location;

  /**
   * Creates the exception.
   *
   * @param operation what the store was doing, for example {@code "append"}
   * @param location the file or segment concerned
   * @param cause the I/O failure
   */
  public SegmentIoException(String operation, String location, IOException cause) {
    super(operation + " failed on " + location + ": " + cause.getMessage(), cause);
    this.operation = operation;
    this.location = location;
  }

  /** {@return what the store was doing} */
  public String operation() {
    return operation;
  }

  /** {@return the file or segment concerned} */
  public String location() {
    return location;
  }
}
