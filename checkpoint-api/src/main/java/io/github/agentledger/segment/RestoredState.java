package io.github.agentledger.segment;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state a segment log replays into: what the model saw and where the conversation stands.
 *
 * <p>The history is never shortened by a window move: {@link #history()} holds every item and
 * {@link #visibleHistory()} the visible part. Built by {@link #replay(Iterator)}, a pure function
 * of the entries that reads them one at a time, so memory is proportional to the state, never to the log; {@link #resume(Iterator)} applies
 * further entries (a tail) to a state already built. Immutable and thread-safe.
 *
 * @param sessionId the session, from the {@code segment_start}
 * @param forkedFrom the segment this one was forked from, if any
 * @param compactedFrom the segment this one compacts, if any
 * @param systemPrompt the system prompt, if any
 * @param config the request configuration in force
 * @param history the whole history, in order; the model sees {@link #visibleHistory()}
 * @param turnCount the completed turns, starting from the segment's turn base
 * @param lastRunInterrupted whether the latest run left a turn unfinished
 * @param entryCount the entries replayed, the {@code segment_start} included
 * @param usageHistory the usage of every LLM request, in log order
 * @param extensions every extension payload (of {@code extension} and {@code user_input} entries),
 *     in log order
 * @param latestExtensions the latest payload of each extension domain, in order of first appearance
 * @param userSegments the typed pieces of every {@code user_input}, one list per input
 * @param visibleStart the index in {@code history} of the first item of the visible conversation
 *     ({@code window_moved}, {@code window_cleared}); 0 when the window never moved
 */
public record RestoredState(
    SessionId sessionId,
    Optional<SegmentOrigin> forkedFrom,
    Optional<SegmentOrigin> compactedFrom,
    Optional<String> systemPrompt,
    RequestConfig config,
    List<HistoryItem> history,
    long turnCount,
    boolean lastRunInterrupted,
    long entryCount,
    List<UsageRecord> usageHistory,
    List<ExtensionPayload> extensions,
    Map<String, JsonText> latestExtensions,
    List<List<UserSegment>> userSegments,
    int visibleStart) {
  /**
   * Validates and copies the components; {@code latestExtensions} keeps its order.
   *
   * @param sessionId the session, from the {@code segment_start}
   * @param forkedFrom the segment this one was forked from, if any
   * @param compactedFrom the segment this one compacts, if any
   * @param systemPrompt the system prompt, if any
   * @param config the request configuration in force
   * @param history the history the model sees, in order
   * @param turnCount the completed turns, starting from the segment's turn base
   * @param lastRunInterrupted whether the latest run left a turn unfinished
   * @param entryCount the entries replayed, the {@code segment_start} included
   * @param usageHistory the usage of every LLM request, in log order
   * @param extensions every extension payload (of {@code extension} and {@code user_input}
   *     entries), in log order
   * @param latestExtensions the latest payload of each extension domain, in order of first
   *     appearance
   * @param userSegments the typed pieces of every {@code user_input}, one list per input
   * @param visibleStart the index in {@code history} of the first visible item
   */
  public RestoredState {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(forkedFrom, "forkedFrom");
    Objects.requireNonNull(compactedFrom, "compactedFrom");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(config, "config");
    history = List.copyOf(history);
    usageHistory = List.copyOf(usageHistory);
    extensions = List.copyOf(extensions);
    latestExtensions = Collections.unmodifiableMap(new LinkedHashMap<>(latestExtensions));
    userSegments = userSegments.stream().map(List::copyOf).toList();
    if (turnCount < 0 || entryCount < 1) {
      throw new IllegalArgumentException(
          "turnCount " + turnCount + " < 0 or entryCount " + entryCount + " < 1");
    }
    if (visibleStart < 0 || visibleStart > history.size()) {
      throw new IllegalArgumentException(
          "visibleStart " + visibleStart + " is not within 0.." + history.size());
    }
  }

  /**
   * {@return the visible conversation: the items of {@link #history()} from {@link
   * #visibleStart()} on, what a chat memory hands the model}
   */
  public List<HistoryItem> visibleHistory() {
    return history.subList(visibleStart, history.size());
  }

  /**
   * Replays a whole segment. The entries are read one at a time and not retained.
   *
   * @param entries the segment's entries in log order; the first must be its {@code segment_start}
   * @return the state
   * @throws InvalidSegmentStructureException if there is no entry, the first is not a {@code
   *     segment_start}, or a second {@code segment_start} appears
   */
  public static RestoredState replay(Iterator<? extends LogEntry> entries) {
    if (!entries.hasNext()) {
      throw new InvalidSegmentStructureException(1, "the segment has no segment_start");
    }
    LogEntry first = entries.next();
    if (!(first instanceof LogEntry.SegmentStart)) {
      throw new InvalidSegmentStructureException(
          1, "the first entry is " + first.kind() + ", not segment_start");
    }
    StateFolder folder = StateFolder.start((LogEntry.SegmentStart) first);
    folder.applyAll(entries);
    return folder.toState();
  }

  /**
   * Applies further entries of the same segment, those that follow the {@link #entryCount()}
   * entries this state was built from, and returns the new state; this state is unchanged.
   *
   * @param moreEntries the entries that follow, in log order
   * @return the state after them
   * @throws InvalidSegmentStructureException if a {@code segment_start} appears
   */
  public RestoredState resume(Iterator<? extends LogEntry> moreEntries) {
    StateFolder folder = StateFolder.from(this);
    folder.applyAll(moreEntries);
    return folder.toState();
  }
}
