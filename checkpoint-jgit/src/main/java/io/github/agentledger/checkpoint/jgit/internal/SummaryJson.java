package io.github.agentledger.checkpoint.jgit.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.SessionPaths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes a checkpoint's root {@code metadata.json} (Go's {@code CheckpointSummary}),
 * keys in the order of docs/checkpoint-format.md#root-metadatajson. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class SummaryJson {
  private SummaryJson() {}

  /** The keys of a summary in the Go struct order (docs/checkpoint-format.md#root-metadatajson). */
  static final List<String> ORDER = List.of("cli_version", "checkpoint_id", "strategy", "branch",
      "checkpoints_count", "files_touched", "sessions", "token_usage", "combined_attribution",
      "has_review");

  /**
   * Encodes a summary written from scratch.
   *
   * @param s the summary
   * @return Go-compatible JSON bytes
   */
  public static byte[] encode(CheckpointSummary s) {
    JsonObject out = new JsonObject();
    MetadataJson.putOmitEmpty(out, "cli_version", s.cliVersion());
    out.addProperty("checkpoint_id", s.checkpointId().value());
    out.addProperty("strategy", s.strategy());
    MetadataJson.putOmitEmpty(out, "branch", s.branch());
    out.addProperty("checkpoints_count", s.checkpointsCount());
    out.add("files_touched", MetadataJson.nilOrArray(s.filesTouched()));
    JsonArray sessions = new JsonArray();
    s.sessions().forEach(paths -> sessions.add(entry(paths)));
    out.add("sessions", sessions);
    s.tokenUsage().ifPresent(u -> out.add("token_usage", MetadataJson.tokenUsage(u)));
    s.combinedAttribution().ifPresent(
        a -> out.add("combined_attribution", MetadataJson.attribution(a)));
    if (s.hasReview()) {
      out.addProperty("has_review", true);
    }
    if (!s.migrationSourceCommit().isEmpty()) {
      out.addProperty("migration_source_commit", s.migrationSourceCommit());
    }
    return GoJson.encode(out);
  }

  /**
   * One {@code sessions[]} entry, keys as the Entire CLI writes them: {@code metadata},
   * {@code transcript}, {@code context}, {@code content_hash}, {@code prompt}.
   */
  static JsonObject entry(SessionPaths paths) {
    JsonObject item = new JsonObject();
    item.addProperty("metadata", paths.metadata());
    MetadataJson.putOmitEmpty(item, "transcript", paths.transcript());
    MetadataJson.putOmitEmpty(item, "context", paths.context());
    MetadataJson.putOmitEmpty(item, "content_hash", paths.contentHash());
    item.addProperty("prompt", paths.prompt());
    return item;
  }

  /**
   * Rewrites a stored summary after a write re-aggregated it, keeping everything the write does
   * not own (docs/checkpoint-format.md#real-repositories): keys this library does not model keep their value and position;
   * {@code cli_version} and {@code checkpoint_id} keep their stored text; the {@code sessions[]}
   * entries of slots other than {@code writtenSlot} are kept verbatim when the stored summary
   * lists them; the aggregates, {@code strategy} and {@code branch} take the fresh values.
   *
   * @param stored the stored summary bytes, already known to parse
   * @param fresh the re-aggregated summary, one session per slot directory, by slot number
   * @param writtenSlot the slot the write replaced
   * @return Go-compatible JSON bytes
   */
  public static byte[] rewrite(byte[] stored, CheckpointSummary fresh, int writtenSlot,
      String where) {
    JsonObject out = StrictJson.parseObject(stored, where);
    Map<Integer, JsonObject> listed = new HashMap<>();
    List<JsonElement> storedSessions = StrictJson.array(out, "sessions", where);
    for (int i = 0; i < storedSessions.size(); i++) {
      if (storedSessions.get(i).isJsonObject()) {
        JsonObject item = storedSessions.get(i).getAsJsonObject();
        listed.putIfAbsent(slotOf(item, i, where), item);
      }
    }
    if (!out.has("cli_version") && !fresh.cliVersion().isEmpty()) {
      out = OrderedJson.put(out, "cli_version", new JsonPrimitive(fresh.cliVersion()), ORDER);
    }
    out = OrderedJson.put(out, "strategy", new JsonPrimitive(fresh.strategy()), ORDER);
    out = fresh.branch().isEmpty() ? OrderedJson.remove(out, "branch")
        : OrderedJson.put(out, "branch", new JsonPrimitive(fresh.branch()), ORDER);
    out = OrderedJson.put(out, "checkpoints_count", new JsonPrimitive(fresh.checkpointsCount()),
        ORDER);
    out = OrderedJson.put(out, "files_touched", MetadataJson.nilOrArray(fresh.filesTouched()),
        ORDER);
    JsonArray sessions = new JsonArray();
    for (SessionPaths paths : fresh.sessions()) {
      JsonObject kept = listed.get(paths.slot());
      sessions.add(paths.slot() != writtenSlot && kept != null ? kept : entry(paths));
    }
    out = OrderedJson.put(out, "sessions", sessions, ORDER);
    out = fresh.tokenUsage().isPresent()
        ? OrderedJson.put(out, "token_usage", MetadataJson.tokenUsage(fresh.tokenUsage().get()),
            ORDER)
        : OrderedJson.remove(out, "token_usage");
    if (fresh.combinedAttribution().isPresent()) {
      out = OrderedJson.put(out, "combined_attribution",
          MetadataJson.attribution(fresh.combinedAttribution().get()), ORDER);
    }
    if (fresh.hasReview()) {
      out = OrderedJson.put(out, "has_review", new JsonPrimitive(true), ORDER);
    }
    return GoJson.encode(out);
  }

  /**
   * Rewrites a stored summary re-aggregated from its slot directories, losing nothing
   * (docs/checkpoint-format.md#real-repositories): only {@code checkpoints_count},
   * {@code files_touched}, {@code sessions} and (when {@code fresh} has one) {@code token_usage}
   * change; every other key keeps its value and position; {@code sessions[]} entries of slots the
   * stored summary lists are kept verbatim, those of unlisted slots are new, those of slots
   * without a directory are dropped.
   *
   * @param stored the stored summary bytes
   * @param fresh the re-aggregated summary, one session per slot directory, by slot number
   * @param where the file's location, for errors
   * @return Go-compatible JSON bytes
   */
  public static byte[] reaggregated(byte[] stored, CheckpointSummary fresh, String where) {
    JsonObject out = StrictJson.parseObject(stored, where);
    Map<Integer, JsonObject> listed = new HashMap<>();
    List<JsonElement> storedSessions = StrictJson.array(out, "sessions", where);
    for (int i = 0; i < storedSessions.size(); i++) {
      if (storedSessions.get(i).isJsonObject()) {
        JsonObject item = storedSessions.get(i).getAsJsonObject();
        listed.putIfAbsent(slotOf(item, i, where), item);
      }
    }
    out = OrderedJson.put(out, "checkpoints_count", new JsonPrimitive(fresh.checkpointsCount()),
        ORDER);
    out = OrderedJson.put(out, "files_touched", MetadataJson.nilOrArray(fresh.filesTouched()),
        ORDER);
    JsonArray sessions = new JsonArray();
    for (SessionPaths paths : fresh.sessions()) {
      JsonObject kept = listed.get(paths.slot());
      sessions.add(kept != null ? kept : entry(paths));
    }
    out = OrderedJson.put(out, "sessions", sessions, ORDER);
    if (fresh.tokenUsage().isPresent()) {
      out = OrderedJson.put(out, "token_usage", MetadataJson.tokenUsage(fresh.tokenUsage().get()),
          ORDER);
    }
    return GoJson.encode(out);
  }

  /**
   * Decodes a stored summary: its sessions as the file lists them, each with the slot number its
   * metadata path names (the list position when the path names none).
   *
   * @param bytes the stored bytes
   * @param where the file's location, for errors
   * @return the summary as stored
   */
  public static CheckpointSummary decode(byte[] bytes, String where) {
    // Streamed into the fields: no tree of the whole file is built (the sessions[] entries are
    // the bulk of a summary), by the same strict rules.
    return SummaryStream.decode(bytes, where, SummaryStream.Wanted.ALL);
  }

  private static int slotOf(JsonObject entry, int position, String where) {
    return SessionPaths.slotOf(StrictJson.string(entry, "metadata", where)).orElse(position);
  }
}
