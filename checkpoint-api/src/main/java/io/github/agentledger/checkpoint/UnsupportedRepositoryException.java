package io.github.agentledger.checkpoint;

/**
 * Thrown when a store is opened over a repository it cannot safely write (for example one using
 * the SHA-256 object format).
 */
public final class UnsupportedRepositoryException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which repository and why it is not supported
   */
  public UnsupportedRepositoryException(String message) {
    super(message, null);
  }
}
