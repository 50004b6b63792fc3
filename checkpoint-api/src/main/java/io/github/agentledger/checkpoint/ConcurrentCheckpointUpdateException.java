package io.github.agentledger.checkpoint;

/**
 * Thrown when a ref update kept losing its compare-and-swap race to other writers until the retry
 * policy gave up. The store is unchanged by the failed call; the caller may try again later.
 */
public final class ConcurrentCheckpointUpdateException extends CheckpointException {
  private static final long serialVersionUID = 1L;

  /** The ref this failure is about, kept for callers and logs. */
  private final String ref;
  /** The attempts this failure is about, kept for callers and logs. */
  private final int attempts;

  /**
   * Creates the exception.
   *
   * @param ref the ref that could not be moved
   * @param attempts how many attempts were made
   */
  public ConcurrentCheckpointUpdateException(String ref, int attempts) {
    super("ref " + ref + " was moved by another writer on each of " + attempts
        + " attempts; giving up", null);
    this.ref = ref;
    this.attempts = attempts;
  }

  /** {@return the ref that could not be moved} */
  public String ref() {
    return ref;
  }

  /** {@return how many attempts were made} */
  public int attempts() {
    return attempts;
  }
}
