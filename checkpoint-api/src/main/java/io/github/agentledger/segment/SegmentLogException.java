package io.github.agentledger.segment;

import org.jspecify.annotations.Nullable;

/**
 * The root of every failure raised by a segment store.
 *
 * <p>Unchecked: callers catch the specific subclasses they can handle. An expected outcome (a
 * segment that does not exist, when asked whether it exists) is a result value, never an
 * exception.
 */
public abstract class SegmentLogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names what failed, where, and the values involved.
   *
   * @param message the detail message
   * @param cause the underlying cause, or {@code null} when there is none
   */
  protected SegmentLogException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
