package io.github.agentledger.checkpoint;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the underlying storage fails: an I/O error, or a ref update rejected for a reason
 * other than a lost race.
 */
public final class CheckpointStorageException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, where, with which values
   * @param cause the underlying failure, or {@code null}
   */
  public CheckpointStorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
