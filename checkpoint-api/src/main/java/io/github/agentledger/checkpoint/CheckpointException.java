package io.github.agentledger.checkpoint;

import org.jspecify.annotations.Nullable;

/**
 * The root of every failure raised by a checkpoint store.
 *
 * <p>Unchecked: callers catch the specific subclasses they can handle. An expected outcome (a
 * checkpoint that does not exist) is an {@code Optional}, never an exception. Instances are not
 * meant to be shared across threads while being mutated (as any {@link Throwable}).
 */
public abstract class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names what failed, where, and the values involved.
   *
   * @param message the detail message
   * @param cause the underlying cause, or {@code null} when there is none
   */
  protected CheckpointException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
