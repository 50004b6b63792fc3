package io.github.agentledger.checkpoint;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a ref of the git-refs layout ({@code refs/entire/checkpoints/<shard>/<id>}) cannot
 * be a checkpoint: it points at something other than a commit, or its commit's tree is not a
 * checkpoint directory. Nothing was written when this is thrown.
 */
public final class InvalidCheckpointRefException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The ref this failure is about, kept for callers and logs. */
  private final String ref;
  /** What is wrong with it. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param ref the full ref name
   * @param reason what is wrong with it, naming the values involved
   * @param cause the underlying failure, or {@code null}
   */
  public InvalidCheckpointRefException(String ref, String reason, @Nullable Throwable cause) {
    super("checkpoint ref " + Objects.requireNonNull(ref, "ref") + ": "
        + Objects.requireNonNull(reason, "reason"), cause);
    this.ref = ref;
    this.reason = reason;
  }

  /** {@return the full name of the ref} */
  public String ref() {
    return ref;
  }

  /** {@return what is wrong with the ref} */
  public String reason() {
    return reason;
  }
}
