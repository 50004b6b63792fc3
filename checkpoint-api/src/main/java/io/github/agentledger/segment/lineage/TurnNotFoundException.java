package io.github.agentledger.segment.lineage;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLogException;
import io.github.agentledger.segment.SessionId;

/**
 * Thrown by a fork at a turn the segment does not hold: neither its turn base nor the {@code
 * turn_count} of one of its {@code turn_end} entries. Nothing was written.
 */
public final class TurnNotFoundException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The session of the segment. */
  private final SessionId sessionId;
  /** The segment. */
  private final SegmentId segmentId;
  /** The turn asked for. */
  private final long requestedTurn;
  /** The turn the segment starts from. */
  private final long turnBase;
  /** The last completed turn of the segment, or its turn base when none completed. */
  private final long lastTurn;

  /**
   * Creates the exception.
   *
   * @param sessionId the session of the segment
   * @param segmentId the segment
   * @param requestedTurn the turn asked for
   * @param turnBase the turn the segment starts from
   * @param lastTurn the {@code turn_count} of the segment's last {@code turn_end}, or its turn base
   *     when it has none
   */
  public TurnNotFoundException(
      SessionId sessionId, SegmentId segmentId, long requestedTurn, long turnBase, long lastTurn) {
    super(
        "segment "
            + segmentId
            + " of session "
            + sessionId
            + " has no turn "
            + requestedTurn
            + ": it starts at turn "
            + turnBase
            + " and its last completed turn is "
            + lastTurn,
        null);
    this.sessionId = sessionId;
    this.segmentId = segmentId;
    this.requestedTurn = requestedTurn;
    this.turnBase = turnBase;
    this.lastTurn = lastTurn;
  }

  /** {@return the session of the segment} */
  public SessionId sessionId() {
    return sessionId;
  }

  /** {@return the segment} */
  public SegmentId segmentId() {
    return segmentId;
  }

  /** {@return the turn asked for} */
  public long requestedTurn() {
    return requestedTurn;
  }

  /** {@return the turn the segment starts from} */
  public long turnBase() {
    return turnBase;
  }

  /** {@return the last completed turn of the segment, or its turn base when none completed} */
  public long lastTurn() {
    return lastTurn;
  }
}
