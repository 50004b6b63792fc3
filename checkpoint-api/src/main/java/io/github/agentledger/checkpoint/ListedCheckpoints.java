package io.github.agentledger.checkpoint;

import java.util.List;

/**
 * A listing of a store: every checkpoint that could be listed, newest first, and what could not
 * be read. A checkpoint whose directory reads but whose summary or latest session does not is in
 * both: listed with those fields empty, and reported with the reason. A checkpoint whose
 * directory (or whose whole shard) cannot be read is only reported.
 *
 * <p>Immutable and thread-safe; the lists are copied.
 *
 * @param entries the listed checkpoints, as {@link CheckpointStore#list()} returns them
 * @param unreadable what could not be read, in the order the listing met it
 */
public record ListedCheckpoints(
    List<CheckpointListEntry> entries, List<UnreadableCheckpoint> unreadable) {

  /**
   * Copies the lists.
   *
   * @param entries the listed checkpoints
   * @param unreadable what could not be read
   */
  public ListedCheckpoints {
    entries = List.copyOf(entries);
    unreadable = List.copyOf(unreadable);
  }

  /** {@return whether everything the listing met could be read} */
  public boolean complete() {
    return unreadable.isEmpty();
  }
}
