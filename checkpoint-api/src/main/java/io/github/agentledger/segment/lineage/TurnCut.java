package io.github.agentledger.segment.lineage;

import io.github.agentledger.segment.LogEntry;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Yields a segment's entries up to the boundary after one turn, reading its source lazily and
 * never past the first entry it does not yield.
 *
 * <p>The boundary after turn {@code T} is reached once {@code T} is found (the {@code
 * segment_start} when its turn base is {@code T}, otherwise the first {@code turn_end} whose
 * {@code turn_count} is {@code T}); the entries that close that turn follow ({@code run_completed},
 * {@code run_errored}, {@code llm_usage}, {@code extension}, {@code config_changed}, {@code
 * paused_turn_abandoned}, the window and system prompt changes, unknown kinds) and the cut falls
 * before the first entry that belongs to the next turn ({@code invoke}, {@code user_input}, {@code assistant_item}, {@code tool_result},
 * {@code system_item}, {@code turn_end}). Not thread-safe.
 */
final class TurnCut implements Iterator<LogEntry> {
  private final Iterator<? extends LogEntry> source;
  private final long turn;
  private @Nullable LogEntry peeked;
  private boolean started;
  private boolean found;
  private boolean stopped;
  private long turnBase;
  private long lastTurn;

  TurnCut(Iterator<? extends LogEntry> source, long turn) {
    this.source = source;
    this.turn = turn;
  }

  @Override
  public boolean hasNext() {
    if (stopped) {
      return false;
    }
    if (peeked == null) {
      if (!source.hasNext()) {
        stopped = true;
        return false;
      }
      peeked = source.next();
    }
    if (found && belongsToNextTurn(peeked)) {
      stopped = true;
      return false;
    }
    return true;
  }

  @Override
  public LogEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    LogEntry entry = Objects.requireNonNull(peeked, "hasNext() peeked the next entry");
    peeked = null;
    if (!started) {
      started = true;
      if (entry instanceof LogEntry.SegmentStart start) {
        turnBase = start.turnBase();
        lastTurn = turnBase;
        found = turnBase == turn;
      }
    } else if (!found && entry instanceof LogEntry.TurnEnd end) {
      lastTurn = end.turnCount();
      found = end.turnCount() == turn;
    }
    return entry;
  }

  /** {@return whether the turn was found among the entries yielded} */
  boolean found() {
    return found;
  }

  /** {@return the turn base of the segment read} */
  long turnBase() {
    return turnBase;
  }

  /** {@return the {@code turn_count} of the last {@code turn_end} yielded, or the turn base} */
  long lastTurn() {
    return lastTurn;
  }

  private static boolean belongsToNextTurn(LogEntry entry) {
    return entry instanceof LogEntry.Invoke
        || entry instanceof LogEntry.UserInput
        || entry instanceof LogEntry.AssistantItem
        || entry instanceof LogEntry.ToolResult
        || entry instanceof LogEntry.SystemItemEntry
        || entry instanceof LogEntry.TurnEnd;
  }
}
