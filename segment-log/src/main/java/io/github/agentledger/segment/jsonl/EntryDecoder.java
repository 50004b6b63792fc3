package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.github.agentledger.segment.ExtensionPayload;
import io.github.agentledger.segment.InvalidIdException;
import io.github.agentledger.segment.InvalidJsonException;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.MessageId;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.RunResult;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentOrigin;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.UnsupportedFormatVersionException;
import io.github.agentledger.segment.UsageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** Reads each entry kind from a decoded JSON tree, strictly. */
final class EntryDecoder {
  private static final List<Integer> SUPPORTED_VERSIONS =
      List.of(LogEntry.SegmentStart.FORMAT_VERSION);

  private EntryDecoder() {}

  static LogEntry decode(JsonElement tree, String rawLine) {
    JsonFields f = JsonFields.of(tree, "entry");
    String kind = f.string("kind");
    f = new JsonFields(f.object(), kind);
    try {
      return decodeKind(f, kind, rawLine, RawJson.of(rawLine));
    } catch (InvalidIdException | InvalidJsonException e) {
      throw new MalformedEntryException(kind + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException(kind + ": invalid value: " + e.getMessage(), e);
    }
  }

  private static LogEntry decodeKind(JsonFields f, String kind, String rawLine, RawJson raw) {
    switch (kind) {
      case "segment_start":
        return segmentStart(f, raw);
      case "invoke":
        return new LogEntry.Invoke(f.integer("ts"), InvokeTrigger.of(f.string("trigger")));
      case "user_input":
        return new LogEntry.UserInput(
            f.integer("ts"),
            indexed(f, "segments", raw, UserSegmentJson::read),
            f.list("extensions", e -> extension(JsonFields.of(e, "user_input extension"))),
            f.optionalString("message_id").map(MessageId::new),
            HistoryItemJson.attributes(f, raw));
      case "assistant_item":
        return new LogEntry.AssistantItem(
            f.integer("ts"), HistoryItemJson.read(f.required("item"), raw.at("item")));
      case "tool_result":
        return new LogEntry.ToolResult(
            f.integer("ts"), HistoryItemJson.read(f.required("item"), raw.at("item")));
      case "system_item":
        return new LogEntry.SystemItemEntry(
            f.integer("ts"), SystemItemJson.read(f.required("item")));
      case "turn_end":
        return new LogEntry.TurnEnd(f.integer("ts"), f.integer("turn_count"));
      case "run_completed":
        return new LogEntry.RunCompleted(
            f.integer("ts"), f.bool("interrupted"), runResult(f.string("result")));
      case "run_errored":
        return new LogEntry.RunErrored(f.integer("ts"), f.bool("interrupted"), f.string("message"));
      case "paused_turn_abandoned":
        return new LogEntry.PausedTurnAbandoned(f.integer("ts"));
      case "config_changed":
        return new LogEntry.ConfigChanged(
            f.integer("ts"), RequestConfigJson.read(f.required("config")));
      case "llm_usage":
        return new LogEntry.LlmUsage(
            f.integer("ts"),
            new UsageRecord(
                f.integer("history_len"),
                f.integer("input_total_tokens"),
                f.integer("cache_read_tokens"),
                f.integer("cache_write_tokens"),
                f.integer("output_tokens")));
      case "extension":
        return new LogEntry.Extension(f.integer("ts"), extension(f));
      case "window_moved":
        return new LogEntry.WindowMoved(f.integer("ts"), f.integer("start"));
      case "window_cleared":
        return new LogEntry.WindowCleared(f.integer("ts"));
      case "system_prompt_changed":
        return new LogEntry.SystemPromptChanged(
            f.integer("ts"), f.optionalString("system_prompt"));
      default:
        return new LogEntry.Unknown(kind, unknownTs(f), rawLine);
    }
  }

  /** An optional array read element by element, each with the raw text of its place. */
  private static <T> List<T> indexed(
      JsonFields f, String name, RawJson raw, BiFunction<JsonElement, RawJson, T> element) {
    if (f.optional(name).isEmpty()) {
      return List.of();
    }
    List<T> values = new ArrayList<>();
    int i = 0;
    for (JsonElement value : f.array(name)) {
      values.add(element.apply(value, raw.at(name).at(i++)));
    }
    return values;
  }

  private static LogEntry.SegmentStart segmentStart(JsonFields f, RawJson raw) {
    Optional<JsonElement> version = f.optional("v");
    if (version.isPresent()
        && !(version.get() instanceof JsonPrimitive p
            && p.isNumber()
            && p.getAsString().equals(String.valueOf(LogEntry.SegmentStart.FORMAT_VERSION)))) {
      throw new UnsupportedFormatVersionException(version.get().toString(), SUPPORTED_VERSIONS);
    }
    SessionId session = SessionId.parse(f.string("session_id"));
    RequestConfig config = RequestConfigJson.read(f.required("config"));
    return new LogEntry.SegmentStart(
        f.integer("ts"),
        session,
        f.optionalString("system_prompt"),
        config,
        indexed(f, "history", raw, HistoryItemJson::read),
        f.optional("forked_from").map(o -> origin(JsonFields.of(o, "forked_from"), session)),
        f.optional("compacted_from").map(o -> origin(JsonFields.of(o, "compacted_from"), session)),
        f.optionalInteger("turn_base").orElse(0L));
  }

  /** Reference origins carry no session: the segment's own session is meant. */
  private static SegmentOrigin origin(JsonFields f, SessionId session) {
    return new SegmentOrigin(
        f.optionalString("session_id").map(SessionId::parse).orElse(session),
        SegmentId.parse(f.string("segment_id")),
        f.integer("at_turn_index"));
  }

  private static ExtensionPayload extension(JsonFields f) {
    return new ExtensionPayload(f.string("domain"), f.opaque("payload"));
  }

  private static RunResult runResult(String name) {
    for (RunResult result : RunResult.values()) {
      if (result.wireName().equals(name)) {
        return result;
      }
    }
    throw new MalformedEntryException(
        "run_completed: unknown result '"
            + name
            + "' (known: finished, paused, limit_reached,"
            + " yielded)");
  }

  private static long unknownTs(JsonFields f) {
    try {
      return f.optionalInteger("ts").orElse(0L);
    } catch (MalformedEntryException e) {
      return 0;
    }
  }
}
