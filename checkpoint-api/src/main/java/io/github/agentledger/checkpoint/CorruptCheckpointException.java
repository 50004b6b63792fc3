package io.github.agentledger.checkpoint;

import org.jspecify.annotations.Nullable;

/** Thrown when a stored checkpoint file cannot be understood (invalid JSON, a wrong type). */
public final class CorruptCheckpointException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The path this failure is about, kept for callers and logs. */
  private final String path;

  /**
   * Creates the exception.
   *
   * @param path the tree path of the file, with the ref it was read from
   * @param reason what is wrong
   * @param cause the parse failure, or {@code null}
   */
  public CorruptCheckpointException(String path, String reason, @Nullable Throwable cause) {
    super(path + ": " + reason, cause);
    this.path = path;
  }

  /** {@return the tree path of the damaged file} */
  public String path() {
    return path;
  }
}
