package io.github.agentledger.segment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mutable accumulator behind {@link RestoredState#replay}: docs/segment-log.md#replay. */
final class StateFolder {
  private final SessionId sessionId;
  private final Optional<SegmentOrigin> forkedFrom;
  private final Optional<SegmentOrigin> compactedFrom;
  private final Optional<String> systemPrompt;
  private RequestConfig config;
  private final List<HistoryItem> history;
  private long turnCount;
  private boolean lastRunInterrupted;
  private long entryCount;
  private final List<UsageRecord> usageHistory;
  private final List<ExtensionPayload> extensions;
  private final Map<String, JsonText> latestExtensions;
  private final List<List<UserSegment>> userSegments;

  private StateFolder(RestoredState s) {
    sessionId = s.sessionId();
    forkedFrom = s.forkedFrom();
    compactedFrom = s.compactedFrom();
    systemPrompt = s.systemPrompt();
    config = s.config();
    history = new ArrayList<>(s.history());
    turnCount = s.turnCount();
    lastRunInterrupted = s.lastRunInterrupted();
    entryCount = s.entryCount();
    usageHistory = new ArrayList<>(s.usageHistory());
    extensions = new ArrayList<>(s.extensions());
    latestExtensions = new LinkedHashMap<>(s.latestExtensions());
    userSegments = new ArrayList<>(s.userSegments());
  }

  static StateFolder start(LogEntry.SegmentStart start) {
    return new StateFolder(
        new RestoredState(
            start.sessionId(),
            start.forkedFrom(),
            start.compactedFrom(),
            start.systemPrompt(),
            start.config(),
            start.history(),
            start.turnBase(),
            false,
            1,
            List.of(),
            List.of(),
            Map.of(),
            List.of()));
  }

  static StateFolder from(RestoredState state) {
    return new StateFolder(state);
  }

  void applyAll(Iterator<? extends LogEntry> entries) {
    while (entries.hasNext()) {
      apply(entries.next());
    }
  }

  private void apply(LogEntry entry) {
    entryCount++;
    if (entry instanceof LogEntry.SegmentStart) {
      throw new InvalidSegmentStructureException(
          entryCount, "a second segment_start; a segment has exactly one, as its first entry");
    } else if (entry instanceof LogEntry.Invoke) {
      lastRunInterrupted = true;
    } else if (entry instanceof LogEntry.UserInput input) {
      history.add(HistoryItem.Message.text(Role.USER, input.flatText()));
      userSegments.add(input.segments());
      input.extensions().forEach(this::addExtension);
    } else if (entry instanceof LogEntry.AssistantItem item) {
      history.add(item.item());
    } else if (entry instanceof LogEntry.ToolResult result) {
      history.add(result.item());
    } else if (entry instanceof LogEntry.SystemItemEntry system) {
      system
          .item()
          .historyText()
          .ifPresent(text -> history.add(HistoryItem.Message.text(Role.SYSTEM, text)));
    } else if (entry instanceof LogEntry.TurnEnd end) {
      turnCount = end.turnCount();
    } else if (entry instanceof LogEntry.RunCompleted completed) {
      lastRunInterrupted = completed.interrupted();
    } else if (entry instanceof LogEntry.RunErrored errored) {
      lastRunInterrupted = errored.interrupted();
    } else if (entry instanceof LogEntry.PausedTurnAbandoned) {
      lastRunInterrupted = false;
    } else if (entry instanceof LogEntry.ConfigChanged changed) {
      config = changed.config();
    } else if (entry instanceof LogEntry.LlmUsage usage) {
      usageHistory.add(usage.usage());
    } else if (entry instanceof LogEntry.Extension extension) {
      addExtension(extension.extension());
    }
    // LogEntry.Unknown: a no-op, counted only.
  }

  private void addExtension(ExtensionPayload extension) {
    extensions.add(extension);
    latestExtensions.put(extension.domain(), extension.payload());
  }

  RestoredState toState() {
    return new RestoredState(
        sessionId,
        forkedFrom,
        compactedFrom,
        systemPrompt,
        config,
        history,
        turnCount,
        lastRunInterrupted,
        entryCount,
        usageHistory,
        extensions,
        latestExtensions,
        userSegments);
  }
}
