package io.github.agentledger.segment.jsonl;

import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.ExtensionPayload;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentOrigin;
import io.github.agentledger.segment.UsageRecord;
import io.github.agentledger.segment.UserSegment;
import java.io.IOException;
import java.util.Optional;

/** Writes each entry kind with the reference's field names, order and null/omit rules. */
final class EntryEncoder {
  private EntryEncoder() {}

  static void write(JsonWriter w, LogEntry entry) throws IOException {
    if (entry instanceof LogEntry.Unknown unknown) {
      w.jsonValue(unknown.rawLine());
      return;
    }
    w.beginObject();
    w.name("kind").value(entry.kind());
    w.name("ts").value(entry.ts());
    if (entry instanceof LogEntry.SegmentStart start) {
      segmentStart(w, start);
    } else if (entry instanceof LogEntry.Invoke invoke) {
      w.name("trigger").value(invoke.trigger().wireName());
    } else if (entry instanceof LogEntry.UserInput input) {
      w.name("segments").beginArray();
      for (UserSegment segment : input.segments()) {
        UserSegmentJson.write(w, segment);
      }
      w.endArray();
      if (!input.extensions().isEmpty()) {
        w.name("extensions").beginArray();
        for (ExtensionPayload extension : input.extensions()) {
          w.beginObject();
          extension(w, extension);
          w.endObject();
        }
        w.endArray();
      }
      if (input.messageId().isPresent()) {
        w.name("message_id").value(input.messageId().get().value());
      }
      HistoryItemJson.attributes(w, input.attributes());
    } else if (entry instanceof LogEntry.AssistantItem item) {
      w.name("item");
      HistoryItemJson.write(w, item.item());
    } else if (entry instanceof LogEntry.ToolResult result) {
      w.name("item");
      HistoryItemJson.write(w, result.item());
    } else if (entry instanceof LogEntry.SystemItemEntry system) {
      w.name("item");
      SystemItemJson.write(w, system.item());
    } else if (entry instanceof LogEntry.TurnEnd end) {
      w.name("turn_count").value(end.turnCount());
    } else if (entry instanceof LogEntry.RunCompleted completed) {
      w.name("interrupted").value(completed.interrupted());
      w.name("result").value(completed.result().wireName());
    } else if (entry instanceof LogEntry.RunErrored errored) {
      w.name("interrupted").value(errored.interrupted());
      w.name("message").value(errored.message());
    } else if (entry instanceof LogEntry.ConfigChanged changed) {
      w.name("config");
      RequestConfigJson.write(w, changed.config());
    } else if (entry instanceof LogEntry.LlmUsage usage) {
      usage(w, usage.usage());
    } else if (entry instanceof LogEntry.Extension extension) {
      extension(w, extension.extension());
    } else if (entry instanceof LogEntry.WindowMoved moved) {
      w.name("start").value(moved.start());
    } else if (entry instanceof LogEntry.SystemPromptChanged changed) {
      w.name("system_prompt");
      if (changed.systemPrompt().isPresent()) {
        w.value(changed.systemPrompt().get());
      } else {
        w.nullValue();
      }
    }
    // LogEntry.PausedTurnAbandoned and WindowCleared have no field beyond kind and ts.
    w.endObject();
  }

  private static void segmentStart(JsonWriter w, LogEntry.SegmentStart start) throws IOException {
    w.name("v").value(LogEntry.SegmentStart.FORMAT_VERSION);
    w.name("session_id").value(start.sessionId().toString());
    w.name("system_prompt");
    if (start.systemPrompt().isPresent()) {
      w.value(start.systemPrompt().get());
    } else {
      w.nullValue();
    }
    w.name("config");
    RequestConfigJson.write(w, start.config());
    w.name("history").beginArray();
    for (HistoryItem item : start.history()) {
      HistoryItemJson.write(w, item);
    }
    w.endArray();
    origin(w, "forked_from", start.forkedFrom());
    origin(w, "compacted_from", start.compactedFrom());
    w.name("turn_base").value(start.turnBase());
  }

  private static void origin(JsonWriter w, String name, Optional<SegmentOrigin> origin)
      throws IOException {
    if (origin.isEmpty()) {
      return;
    }
    w.name(name).beginObject();
    w.name("session_id").value(origin.get().sessionId().toString());
    w.name("segment_id").value(origin.get().segmentId().toString());
    w.name("at_turn_index").value(origin.get().atTurnIndex());
    w.endObject();
  }

  private static void usage(JsonWriter w, UsageRecord usage) throws IOException {
    w.name("history_len").value(usage.historyLen());
    w.name("input_total_tokens").value(usage.inputTotalTokens());
    w.name("cache_read_tokens").value(usage.cacheReadTokens());
    w.name("cache_write_tokens").value(usage.cacheWriteTokens());
    w.name("output_tokens").value(usage.outputTokens());
  }

  private static void extension(JsonWriter w, ExtensionPayload extension) throws IOException {
    w.name("domain").value(extension.domain());
    w.name("payload");
    EntryCodec.writeJson(w, extension.payload());
  }
}
