package io.github.agentledger.segment.jsonl;

/**
 * When an appended line is forced to stable storage, chosen once per store.
 *
 * <p>Whatever the choice, a line is committed only once its terminating {@code \n} is written, and
 * a reader never sees a torn line. The choice decides what survives a machine crash or power loss
 * (a process crash loses nothing that {@code write} accepted, in every mode).
 */
public enum Durability {
  /**
   * Appends return once the line is handed to the operating system; nothing is forced. A process
   * crash loses nothing acknowledged, a machine crash may lose the most recent lines.
   */
  NONE,

  /**
   * Appends are forced in batches shared by concurrent writers, bounded by a count and a time
   * window; an append returns only once a force that covers its own line has completed.
   */
  GROUP_COMMIT,

  /** Every append is forced before it returns. */
  FSYNC_EACH
}
