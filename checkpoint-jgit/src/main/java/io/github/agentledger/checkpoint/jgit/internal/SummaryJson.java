package io.github.agentledger.checkpoint.jgit.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.SessionPaths;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes a checkpoint's root {@code metadata.json} (Go's {@code CheckpointSummary}),
 * keys in the order of spec §5.3. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class SummaryJson {
  private SummaryJson() {}

  public static byte[] encode(CheckpointSummary s) {
    JsonObject out = new JsonObject();
    MetadataJson.putOmitEmpty(out, "cli_version", s.cliVersion());
    out.addProperty("checkpoint_id", s.checkpointId().value());
    out.addProperty("strategy", s.strategy());
    MetadataJson.putOmitEmpty(out, "branch", s.branch());
    out.addProperty("checkpoints_count", s.checkpointsCount());
    out.add("files_touched", MetadataJson.nilOrArray(s.filesTouched()));
    JsonArray sessions = new JsonArray();
    for (SessionPaths paths : s.sessions()) {
      JsonObject item = new JsonObject();
      item.addProperty("metadata", paths.metadata());
      MetadataJson.putOmitEmpty(item, "transcript", paths.transcript());
      MetadataJson.putOmitEmpty(item, "content_hash", paths.contentHash());
      item.addProperty("prompt", paths.prompt());
      sessions.add(item);
    }
    out.add("sessions", sessions);
    s.tokenUsage().ifPresent(u -> out.add("token_usage", MetadataJson.tokenUsage(u)));
    s.combinedAttribution().ifPresent(
        a -> out.add("combined_attribution", MetadataJson.attribution(a)));
    if (s.hasReview()) {
      out.addProperty("has_review", true);
    }
    return GoJson.encode(out);
  }

  public static CheckpointSummary decode(byte[] bytes, String where) {
    JsonObject in = StrictJson.parseObject(bytes, where);
    List<SessionPaths> sessions = new ArrayList<>();
    for (JsonElement item : StrictJson.array(in, "sessions", where)) {
      if (!item.isJsonObject()) {
        throw StrictJson.wrongType(where, "sessions", "an array of objects", item);
      }
      JsonObject o = item.getAsJsonObject();
      sessions.add(new SessionPaths(StrictJson.string(o, "metadata", where),
          StrictJson.string(o, "transcript", where), StrictJson.string(o, "content_hash", where),
          StrictJson.string(o, "prompt", where)));
    }
    return new CheckpointSummary(
        StrictJson.string(in, "cli_version", where),
        MetadataJson.checkpointId(in, where),
        StrictJson.string(in, "strategy", where),
        StrictJson.string(in, "branch", where),
        StrictJson.integer(in, "checkpoints_count", where),
        StrictJson.strings(in, "files_touched", where),
        sessions,
        MetadataJson.optionalObject(in, "token_usage", where, MetadataJson::readTokenUsage),
        MetadataJson.optionalObject(in, "combined_attribution", where,
            MetadataJson::readAttribution),
        StrictJson.bool(in, "has_review", where));
  }
}
