package io.github.agentledger.checkpoint;

import org.jspecify.annotations.Nullable;

/** Thrown when a code commit named by the caller does not exist in the repository. */
public final class CommitNotFoundException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The commit this failure is about, kept for callers and logs. */
  private final CommitId commit;

  /**
   * Creates the exception.
   *
   * @param commit the missing commit
   * @param cause the lookup failure, or {@code null}
   */
  public CommitNotFoundException(CommitId commit, @Nullable Throwable cause) {
    super("commit " + commit + " does not exist in the repository", cause);
    this.commit = commit;
  }

  /** {@return the missing commit} */
  public CommitId commit() {
    return commit;
  }
}
