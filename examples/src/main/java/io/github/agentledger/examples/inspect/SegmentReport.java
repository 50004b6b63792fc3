package io.github.agentledger.examples.inspect;

import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.InvalidIdException;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLogException;
import io.github.agentledger.segment.SegmentOrigin;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints the state a segment file replays into. The file must sit in the store layout,
 * {@code <root>/<session-id>/<segment-id>.jsonl}; reading takes no lock and writes nothing.
 */
final class SegmentReport {
  private static final String SUFFIX = ".jsonl";

  private SegmentReport() {}

  static int print(Path file, PrintStream out, PrintStream err) {
    Path name = file.getFileName();
    Path sessionDir = file.toAbsolutePath().getParent();
    if (name == null || !name.toString().endsWith(SUFFIX) || sessionDir == null
        || sessionDir.getParent() == null || !Files.isRegularFile(file)) {
      err.println("inspect: " + file + " is not a segment file"
          + " (<root>/<session-id>/<segment-id>.jsonl)");
      return 2;
    }
    String segmentText = name.toString();
    SessionId sessionId;
    SegmentId segmentId;
    try {
      sessionId = SessionId.parse(sessionDir.getFileName().toString());
      segmentId = SegmentId.parse(segmentText.substring(0, segmentText.length() - SUFFIX.length()));
    } catch (InvalidIdException e) {
      err.println("inspect: " + file + " is not named <session-id>/<segment-id>.jsonl: "
          + e.getMessage());
      return 2;
    }
    JsonlSegmentStore store = JsonlSegmentStore.open(sessionDir.getParent(), Durability.NONE);
    RestoredState state;
    try {
      state = store.restore(sessionId, segmentId);
    } catch (SegmentLogException e) {
      err.println("inspect: cannot restore " + file + ": " + e.getMessage());
      return 1;
    }
    out.println("segment " + segmentId + " of session " + sessionId);
    out.println("  entries " + state.entryCount() + ", turns " + state.turnCount()
        + (state.lastRunInterrupted() ? ", last run interrupted" : ""));
    out.println("  origin: " + origin(state));
    out.println("  system prompt: " + state.systemPrompt().map(CheckpointReport::cut)
        .orElse("(none)"));
    out.println("  history (" + state.history().size() + " items):");
    state.history().forEach(item -> out.println("    " + CheckpointReport.cut(describe(item))));
    out.println("  llm requests: " + state.usageHistory().size()
        + ", extension domains: " + state.latestExtensions().keySet());
    return 0;
  }

  private static String origin(RestoredState state) {
    Optional<String> forked = state.forkedFrom().map(o -> "forked from " + describe(o));
    Optional<String> compacted = state.compactedFrom().map(o -> "compacts " + describe(o));
    return forked.or(() -> compacted).orElse("a fresh conversation");
  }

  private static String describe(SegmentOrigin origin) {
    return "segment " + origin.segmentId() + " of session " + origin.sessionId() + " at turn "
        + origin.atTurnIndex();
  }

  static String describe(HistoryItem item) {
    if (item instanceof HistoryItem.Message message) {
      return message.role().wireName() + ": " + message.content().stream()
          .map(SegmentReport::text).collect(Collectors.joining(" "));
    }
    if (item instanceof HistoryItem.ToolCall call) {
      return "tool call " + call.name() + " [" + call.callId() + "] " + call.arguments();
    }
    if (item instanceof HistoryItem.ToolResult result) {
      return "tool result [" + result.callId() + "]" + (result.isError() ? " error" : "") + ": "
          + result.summary();
    }
    HistoryItem.Reasoning reasoning = (HistoryItem.Reasoning) item;
    return "reasoning: " + reasoning.text();
  }

  private static String text(ContentPart part) {
    if (part instanceof ContentPart.Text text) {
      return text.text();
    }
    return "(refusal) " + ((ContentPart.Refusal) part).refusal();
  }
}
