package io.github.agentledger.checkpoint.jgit.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.agentledger.checkpoint.Attribution;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CodeLearning;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.Learnings;
import io.github.agentledger.checkpoint.SessionMetrics;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.TokenUsage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The JSON shapes shared by session metadata and checkpoint summaries: token usage, session
 * metrics, AI summaries, attribution, and the helpers that apply Go's {@code omitempty} rules.
 * Keys are written in the order of the Go struct declarations (spec §5.3, §5.4). Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class MetadataJson {
  /** Go's zero time, read when a stored time is missing. */
  public static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private MetadataJson() {}

  public static void putOmitEmpty(JsonObject out, String key, String value) {
    if (!value.isEmpty()) {
      out.addProperty(key, value);
    }
  }

  public static void putOmitZero(JsonObject out, String key, long value) {
    if (value != 0) {
      out.addProperty(key, value);
    }
  }

  /** A Go slice without omitempty: {@code null} when empty (nil), else the array. */
  public static JsonElement nilOrArray(List<String> values) {
    return values.isEmpty() ? JsonNull.INSTANCE : strings(values);
  }

  public static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray(values.size());
    values.forEach(array::add);
    return array;
  }

  public static JsonObject tokenUsage(TokenUsage usage) {
    JsonObject out = new JsonObject();
    out.addProperty("input_tokens", usage.inputTokens());
    out.addProperty("cache_creation_tokens", usage.cacheCreationTokens());
    out.addProperty("cache_read_tokens", usage.cacheReadTokens());
    out.addProperty("output_tokens", usage.outputTokens());
    out.addProperty("api_call_count", usage.apiCallCount());
    usage.subagentTokens().ifPresent(sub -> out.add("subagent_tokens", tokenUsage(sub)));
    return out;
  }

  public static TokenUsage readTokenUsage(JsonObject in, String where) {
    return new TokenUsage(
        StrictJson.integer(in, "input_tokens", where),
        StrictJson.integer(in, "cache_creation_tokens", where),
        StrictJson.integer(in, "cache_read_tokens", where),
        StrictJson.integer(in, "output_tokens", where),
        StrictJson.integer(in, "api_call_count", where),
        StrictJson.object(in, "subagent_tokens", where).map(o -> readTokenUsage(o, where)));
  }

  public static JsonObject sessionMetrics(SessionMetrics metrics) {
    JsonObject out = new JsonObject();
    putOmitZero(out, "duration_ms", metrics.durationMs());
    putOmitZero(out, "turn_count", metrics.turnCount());
    putOmitZero(out, "context_tokens", metrics.contextTokens());
    putOmitZero(out, "context_window_size", metrics.contextWindowSize());
    return out;
  }

  public static SessionMetrics readSessionMetrics(JsonObject in, String where) {
    return new SessionMetrics(
        StrictJson.integer(in, "duration_ms", where),
        StrictJson.integer(in, "turn_count", where),
        StrictJson.integer(in, "context_tokens", where),
        StrictJson.integer(in, "context_window_size", where));
  }

  public static JsonObject summary(SessionSummary summary) {
    JsonObject out = new JsonObject();
    out.addProperty("intent", summary.intent());
    out.addProperty("outcome", summary.outcome());
    JsonObject learnings = new JsonObject();
    learnings.add("repo", strings(summary.learnings().repo()));
    JsonArray code = new JsonArray();
    for (CodeLearning learning : summary.learnings().code()) {
      JsonObject item = new JsonObject();
      item.addProperty("path", learning.path());
      putOmitZero(item, "line", learning.line());
      putOmitZero(item, "end_line", learning.endLine());
      item.addProperty("finding", learning.finding());
      code.add(item);
    }
    learnings.add("code", code);
    learnings.add("workflow", strings(summary.learnings().workflow()));
    out.add("learnings", learnings);
    out.add("friction", strings(summary.friction()));
    out.add("open_items", strings(summary.openItems()));
    return out;
  }

  public static SessionSummary readSummary(JsonObject in, String where) {
    JsonObject learnings = StrictJson.object(in, "learnings", where).orElseGet(JsonObject::new);
    List<CodeLearning> code = new ArrayList<>();
    for (JsonElement item : StrictJson.array(learnings, "code", where)) {
      if (!item.isJsonObject()) {
        throw StrictJson.wrongType(where, "learnings.code", "an array of objects", item);
      }
      JsonObject o = item.getAsJsonObject();
      code.add(new CodeLearning(StrictJson.string(o, "path", where),
          StrictJson.integer(o, "line", where), StrictJson.integer(o, "end_line", where),
          StrictJson.string(o, "finding", where)));
    }
    return new SessionSummary(
        StrictJson.string(in, "intent", where),
        StrictJson.string(in, "outcome", where),
        new Learnings(StrictJson.strings(learnings, "repo", where), code,
            StrictJson.strings(learnings, "workflow", where)),
        StrictJson.strings(in, "friction", where),
        StrictJson.strings(in, "open_items", where));
  }

  public static JsonObject attribution(Attribution attribution) {
    JsonObject out = new JsonObject();
    out.addProperty("calculated_at", GoValues.formatTime(attribution.calculatedAt()));
    out.addProperty("agent_lines", attribution.agentLines());
    out.addProperty("agent_removed", attribution.agentRemoved());
    out.addProperty("human_added", attribution.humanAdded());
    out.addProperty("human_modified", attribution.humanModified());
    out.addProperty("human_removed", attribution.humanRemoved());
    out.addProperty("total_committed", attribution.totalCommitted());
    out.addProperty("total_lines_changed", attribution.totalLinesChanged());
    out.add("agent_percentage", new JsonPrimitive(attribution.agentPercentage()));
    putOmitZero(out, "metric_version", attribution.metricVersion());
    return out;
  }

  public static Attribution readAttribution(JsonObject in, String where) {
    return new Attribution(
        time(in, "calculated_at", where),
        StrictJson.integer(in, "agent_lines", where),
        StrictJson.integer(in, "agent_removed", where),
        StrictJson.integer(in, "human_added", where),
        StrictJson.integer(in, "human_modified", where),
        StrictJson.integer(in, "human_removed", where),
        StrictJson.integer(in, "total_committed", where),
        StrictJson.integer(in, "total_lines_changed", where),
        StrictJson.number(in, "agent_percentage", where),
        (int) StrictJson.integer(in, "metric_version", where));
  }

  public static Instant time(JsonObject in, String key, String where) {
    String text = StrictJson.string(in, key, where);
    if (text.isEmpty()) {
      return GO_ZERO_TIME;
    }
    try {
      return GoValues.parseTime(text);
    } catch (DateTimeParseException e) {
      throw new CorruptCheckpointException(where,
          "key \"" + key + "\" is not an RFC 3339 time: \"" + text + "\"", e);
    }
  }

  public static CheckpointId checkpointId(JsonObject in, String where) {
    String text = StrictJson.string(in, "checkpoint_id", where);
    if (!CheckpointId.isValid(text)) {
      throw new CorruptCheckpointException(where,
          "key \"checkpoint_id\" is not a valid checkpoint id: \"" + text + "\"", null);
    }
    return CheckpointId.parse(text);
  }

  public static <T> Optional<T> optionalObject(JsonObject in, String key, String where,
      BiFunction<JsonObject, String, T> reader) {
    return StrictJson.object(in, key, where).map(o -> reader.apply(o, where));
  }
}
