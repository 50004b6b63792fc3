package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link JsonlSegmentStore#repair()} removed, and what it left because a live operation
 * (in this process or another) still owned it. Nothing listed here held an acknowledged entry.
 *
 * @param removedTempFiles temp files of whole-file writes (a create, a fork, a truncation) that
 *     a killed process left, and the bytes they held
 * @param removedDeletions {@code .<session-id>.deleting} directories of session deletions that a
 *     killed process left half done
 * @param removedEmptySessions session directories that held no segment
 * @param inUse paths left alone because a live writer or creator owns them
 * @param removedBytes the bytes the removed files held
 */
public record RepairReport(
    List<Path> removedTempFiles,
    List<Path> removedDeletions,
    List<SessionId> removedEmptySessions,
    List<Path> inUse,
    long removedBytes) {
  /**
   * Validates and copies the components.
   *
   * @param removedTempFiles temp files of interrupted whole-file writes that were removed
   * @param removedDeletions interrupted session deletions that were finished
   * @param removedEmptySessions session directories holding no segment that were removed
   * @param inUse paths left alone because a live operation owns them
   * @param removedBytes the bytes the removed files held
   * @throws IllegalArgumentException if {@code removedBytes} is negative
   */
  public RepairReport {
    removedTempFiles = List.copyOf(Objects.requireNonNull(removedTempFiles, "removedTempFiles"));
    removedDeletions = List.copyOf(Objects.requireNonNull(removedDeletions, "removedDeletions"));
    removedEmptySessions =
        List.copyOf(Objects.requireNonNull(removedEmptySessions, "removedEmptySessions"));
    inUse = List.copyOf(Objects.requireNonNull(inUse, "inUse"));
    if (removedBytes < 0) {
      throw new IllegalArgumentException("removedBytes must be >= 0, was " + removedBytes);
    }
  }

  /** {@return whether nothing was removed} */
  public boolean removedNothing() {
    return removedTempFiles.isEmpty() && removedDeletions.isEmpty()
        && removedEmptySessions.isEmpty();
  }
}
