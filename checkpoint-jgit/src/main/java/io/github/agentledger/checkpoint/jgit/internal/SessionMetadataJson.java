package io.github.agentledger.checkpoint.jgit.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.InvalidCheckpointRequestException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes and decodes a session's {@code metadata.json} (Go's {@code CommittedMetadata}), keys in
 * the order of
 * docs/checkpoint-format.md#session-metadatajson. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class SessionMetadataJson {
  /** Keys that follow {@code summary} in the struct order, used to insert it in place. */
  private static final List<String> KEYS_AFTER_SUMMARY = List.of("initial_attribution",
      "prompt_attributions", "kind", "review_skills", "review_prompt", "investigate_run_id",
      "investigate_topic");

  /** Every key this library reads or writes, older names included. */
  private static final Set<String> MODELLED = Set.of("cli_version", "checkpoint_id",
      "session_id", "strategy", "created_at", "branch", "checkpoints_count", "files_touched",
      "agent", "model", "turn_id", "is_task", "tool_use_id", "transcript_identifier_at_start",
      "checkpoint_transcript_start", "transcript_lines_at_start", "token_usage",
      "session_metrics", "summary", "initial_attribution", "kind", "review_skills",
      "review_prompt", "steps_count", "transcript_uuid_at_start");

  /** Whether {@code transcript_lines_at_start} is written (v1 writes it, v2 does not). */
  public enum LegacyStartField {
    WRITE,
    OMIT
  }

  private SessionMetadataJson() {}

  public static byte[] encode(SessionMetadata m, LegacyStartField legacy) {
    JsonObject out = new JsonObject();
    MetadataJson.putOmitEmpty(out, "cli_version", m.cliVersion());
    out.addProperty("checkpoint_id", m.checkpointId().value());
    out.addProperty("session_id", m.sessionId().value());
    out.addProperty("strategy", m.strategy());
    out.addProperty("created_at", GoValues.formatTime(m.createdAt()));
    MetadataJson.putOmitEmpty(out, "branch", m.branch());
    out.addProperty("checkpoints_count", m.checkpointsCount());
    out.add("files_touched", MetadataJson.nilOrArray(m.filesTouched()));
    MetadataJson.putOmitEmpty(out, "agent", m.agent());
    out.addProperty("model", m.model());
    MetadataJson.putOmitEmpty(out, "turn_id", m.turnId());
    if (m.isTask()) {
      out.addProperty("is_task", true);
    }
    MetadataJson.putOmitEmpty(out, "tool_use_id", m.toolUseId());
    MetadataJson.putOmitEmpty(out, "transcript_identifier_at_start",
        m.transcriptIdentifierAtStart());
    MetadataJson.putOmitZero(out, "checkpoint_transcript_start", m.checkpointTranscriptStart());
    if (legacy == LegacyStartField.WRITE) {
      MetadataJson.putOmitZero(out, "transcript_lines_at_start", m.transcriptLinesAtStart());
    }
    m.tokenUsage().ifPresent(u -> out.add("token_usage", MetadataJson.tokenUsage(u)));
    m.sessionMetrics().ifPresent(s -> out.add("session_metrics", MetadataJson.sessionMetrics(s)));
    m.summary().ifPresent(s -> out.add("summary", MetadataJson.summary(s)));
    m.initialAttribution().ifPresent(
        a -> out.add("initial_attribution", MetadataJson.attribution(a)));
    MetadataJson.putOmitEmpty(out, "kind", m.kind());
    if (!m.reviewSkills().isEmpty()) {
      out.add("review_skills", MetadataJson.strings(m.reviewSkills()));
    }
    MetadataJson.putOmitEmpty(out, "review_prompt", m.reviewPrompt());
    return GoJson.encode(out);
  }

  public static SessionMetadata decode(byte[] bytes, String where) {
    return StrictJson.decoded(where, () -> decodeFields(bytes, where));
  }

  private static SessionMetadata decodeFields(byte[] bytes, String where) {
    JsonObject in = StrictJson.parseObject(bytes, where);
    AgentSessionId sessionId;
    String sessionText = StrictJson.string(in, "session_id", where);
    try {
      sessionId = AgentSessionId.of(sessionText);
    } catch (InvalidCheckpointRequestException e) {
      throw new CorruptCheckpointException(where,
          "key \"session_id\" is not a valid session id: \"" + sessionText + "\"", e);
    }
    return new SessionMetadata(
        StrictJson.string(in, "cli_version", where),
        MetadataJson.checkpointId(in, where),
        sessionId,
        StrictJson.string(in, "strategy", where),
        MetadataJson.time(in, "created_at", where),
        StrictJson.string(in, "branch", where),
        in.has("checkpoints_count") || !in.has("steps_count")
            ? StrictJson.integer(in, "checkpoints_count", where)
            : StrictJson.integer(in, "steps_count", where),
        StrictJson.strings(in, "files_touched", where),
        StrictJson.string(in, "agent", where),
        StrictJson.string(in, "model", where),
        StrictJson.string(in, "turn_id", where),
        StrictJson.bool(in, "is_task", where),
        StrictJson.string(in, "tool_use_id", where),
        in.has("transcript_identifier_at_start") || !in.has("transcript_uuid_at_start")
            ? StrictJson.string(in, "transcript_identifier_at_start", where)
            : StrictJson.string(in, "transcript_uuid_at_start", where),
        StrictJson.integer(in, "checkpoint_transcript_start", where),
        StrictJson.integer(in, "transcript_lines_at_start", where),
        MetadataJson.optionalObject(in, "token_usage", where, MetadataJson::readTokenUsage),
        MetadataJson.optionalObject(in, "session_metrics", where,
            MetadataJson::readSessionMetrics),
        MetadataJson.optionalObject(in, "summary", where, MetadataJson::readSummary),
        MetadataJson.optionalObject(in, "initial_attribution", where,
            MetadataJson::readAttribution),
        StrictJson.string(in, "kind", where),
        StrictJson.strings(in, "review_skills", where),
        StrictJson.string(in, "review_prompt", where),
        StrictJson.string(in, "transcript_path", where),
        agents(in));
  }

  /** {@code agents} as text: JSON strings unquoted, any other element as its JSON. */
  private static List<String> agents(JsonObject in) {
    List<String> out = new ArrayList<>();
    StrictJson.field(in, "agents").ifPresent(value -> {
      if (value.isJsonArray()) {
        for (JsonElement item : value.getAsJsonArray()) {
          out.add(item.isJsonPrimitive() && item.getAsJsonPrimitive().isString()
              ? item.getAsString() : item.toString());
        }
      } else {
        out.add(value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
            ? value.getAsString() : value.toString());
      }
    });
    return out;
  }

  /**
   * Carries the keys this library does not model from the metadata a slot held before into the
   * metadata a write stores for the same session: each kept key with its stored value, placed
   * after the key it followed before (or first). Older names of modelled keys
   * ({@code steps_count}, {@code transcript_uuid_at_start}) are dropped, since the fresh metadata
   * carries their values under the newer names.
   *
   * @param previous the stored metadata of the slot, as read
   * @param fresh the metadata the write encoded
   * @return {@code fresh} when nothing needs keeping, else the merged encoding
   */
  public static byte[] keepUnknownKeys(byte[] previous, byte[] fresh, String where) {
    JsonObject old;
    try {
      old = StrictJson.parseObject(previous, where);
    } catch (CorruptCheckpointException unreadable) {
      return fresh;
    }
    boolean any = false;
    for (String key : old.keySet()) {
      if (!MODELLED.contains(key)) {
        any = true;
        break;
      }
    }
    if (!any) {
      return fresh;
    }
    JsonObject merged = StrictJson.parseObject(fresh, where);
    String after = "";
    for (Map.Entry<String, JsonElement> entry : old.entrySet()) {
      String key = entry.getKey();
      if (!MODELLED.contains(key) && !merged.has(key)) {
        merged = OrderedJson.insertAfter(merged, after, key, entry.getValue());
      }
      if (merged.has(key)) {
        after = key;
      }
    }
    return GoJson.encode(merged);
  }

  /**
   * Sets {@code summary} in stored metadata without disturbing anything else: unknown keys (from
   * newer writers) and their order are kept, and the key goes where the struct order puts it.
   */
  public static byte[] withSummary(byte[] stored, SessionSummary summary, String where) {
    JsonObject in = StrictJson.parseObject(stored, where);
    JsonObject value = MetadataJson.summary(summary);
    if (in.has("summary")) {
      in.add("summary", value);
      return GoJson.encode(in);
    }
    JsonObject out = new JsonObject();
    boolean placed = false;
    for (Map.Entry<String, JsonElement> entry : in.entrySet()) {
      if (!placed && KEYS_AFTER_SUMMARY.contains(entry.getKey())) {
        out.add("summary", value);
        placed = true;
      }
      out.add(entry.getKey(), entry.getValue());
    }
    if (!placed) {
      out.add("summary", value);
    }
    return GoJson.encode(out);
  }
}
