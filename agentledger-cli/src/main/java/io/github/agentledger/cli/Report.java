package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.GenerationMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON rows and human phrases that several checkpoint commands share. */
final class Report {
  private Report() {}

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  static Map<String, Object> entry(String layout, CheckpointListEntry entry) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", entry.checkpointId().value());
    row.put("layout", layout);
    row.put("created_at", entry.createdAt().map(Object::toString));
    row.put("sessions", entry.sessionCount());
    row.put("checkpoints_count", entry.checkpointsCount());
    row.put("agent", entry.agent());
    row.put("files_touched", entry.filesTouched());
    row.put("latest_session_id", entry.latestSessionId().map(Object::toString));
    return row;
  }

  static Map<String, Object> generation(String name, GenerationMetadata metadata) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", name);
    row.put("checkpoints", metadata.checkpoints().stream().map(CheckpointId::value).toList());
    row.put("oldest_checkpoint_at", metadata.oldestCheckpointAt().map(Object::toString));
    row.put("newest_checkpoint_at", metadata.newestCheckpointAt().map(Object::toString));
    return row;
  }

  static String describe(GenerationMetadata generation) {
    return plural(generation.checkpoints().size(), "checkpoint")
        + generation.oldestCheckpointAt().map(at -> ", " + at).orElse("")
        + generation.newestCheckpointAt().map(at -> " .. " + at).orElse("");
  }
}
