package io.github.agentledger.segment.lineage;

import java.util.Objects;

/**
 * A session retention selected but did not delete.
 *
 * <p>Immutable and thread-safe.
 *
 * @param session the session as it was selected
 * @param reason why it was left in place
 */
public record SkippedSession(StoredSession session, SkipReason reason) {
  /**
   * Validates the components.
   *
   * @param session the session as it was selected
   * @param reason why it was left in place
   */
  public SkippedSession {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(reason, "reason");
  }
}
