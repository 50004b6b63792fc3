package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.CheckpointException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a sync cannot talk to its remote at all: the remote is unknown, unreachable, refuses
 * the credentials, or the transport fails mid-way. Per-ref outcomes (a rejected push, a ref that
 * could not be recovered) are not exceptions; they are reported in a {@link SyncResult}. Nothing
 * local is lost when this is thrown: local checkpoint refs only ever move to commits that contain
 * what they held.
 */
public final class CheckpointSyncException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The remote name or URL as the caller gave it. */
  private final String remote;
  /** What was being done when the sync failed. */
  private final String operation;

  /**
   * Creates the exception.
   *
   * @param remote the remote name or URL as the caller gave it
   * @param operation what was being done, such as {@code push} or {@code list refs}
   * @param detail what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public CheckpointSyncException(String remote, String operation, String detail,
      @Nullable Throwable cause) {
    super("remote " + remote + ": " + operation + " failed: " + detail, cause);
    this.remote = remote;
    this.operation = operation;
  }

  /** {@return the remote name or URL as the caller gave it} */
  public String remote() {
    return remote;
  }

  /** {@return what was being done when the sync failed} */
  public String operation() {
    return operation;
  }
}
