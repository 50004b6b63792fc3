package io.github.agentledger.segment.lineage;

import java.util.List;
import java.util.Objects;

/**
 * What a retention operation removed (or, in {@link RetentionMode#DRY_RUN}, would remove) and what
 * it left in place.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mode whether anything was deleted
 * @param removed the sessions deleted, or that a real run would delete, most recently modified
 *     first
 * @param skipped the sessions selected but left in place, with the reason; always empty in a dry
 *     run
 */
public record RetentionReport(
    RetentionMode mode, List<StoredSession> removed, List<SkippedSession> skipped) {
  /**
   * Validates and copies the components.
   *
   * @param mode whether anything was deleted
   * @param removed the sessions deleted, or that a real run would delete
   * @param skipped the sessions selected but left in place
   */
  public RetentionReport {
    Objects.requireNonNull(mode, "mode");
    removed = List.copyOf(removed);
    skipped = List.copyOf(skipped);
  }
}
