package io.github.agentledger.checkpoint.jgit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds the JSON metadata files of the checkpoint format (spec §5.3 summary, §5.4 session) with
 * the Go tool's key order, {@code omitempty} rules and formatting, in three styles.
 */
final class EntireMetadataJson {
  static final String CLI_VERSION = "0.6.1";
  static final String STRATEGY = "manual-commit";
  static final String BRANCH = "feature/login";
  static final String MODEL = "claude-opus-4";

  /** Which writer the metadata imitates. */
  enum Style {
    /** v1: {@code transcript_lines_at_start} duplicates {@code checkpoint_transcript_start}. */
    V1,
    /** v2 {@code /main}: no {@code transcript_lines_at_start}. */
    V2,
    /**
     * An older or newer writer a reader must tolerate: {@code files_touched: null}, no
     * {@code token_usage}, only the deprecated {@code transcript_lines_at_start}, unknown keys.
     */
    TOLERANCE
  }

  /** Paths recorded in the summary's {@code sessions} entry of one slot. */
  record SlotPaths(Optional<String> transcript, Optional<String> contentHash, boolean hasPrompt) {}

  private EntireMetadataJson() {}

  static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  static String session(String checkpointId, FixtureSession s, Style style) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cli_version", CLI_VERSION);
    json.put("checkpoint_id", checkpointId);
    json.put("session_id", s.sessionId());
    json.put("strategy", STRATEGY);
    json.put("created_at", time(s.createdAt()));
    json.put("branch", BRANCH);
    json.put("checkpoints_count", s.checkpointsCount());
    json.put("files_touched", style == Style.TOLERANCE ? null : s.filesTouched());
    json.put("agent", s.agent());
    json.put("model", MODEL);
    if (s.transcriptStart() > 0 && style != Style.TOLERANCE) {
      json.put("checkpoint_transcript_start", s.transcriptStart());
    }
    if (s.transcriptStart() > 0 && style != Style.V2) {
      json.put("transcript_lines_at_start", s.transcriptStart());
    }
    if (style != Style.TOLERANCE) {
      json.put("token_usage", tokenUsage(s.tokenUsage()));
    } else {
      json.put("save_step_count", s.checkpointsCount());
      json.put("future_field", Map.of("nested", List.of("kept", "ignored")));
    }
    return FixtureJson.indented(json);
  }

  static String summary(
      String checkpointId, List<FixtureSession> sessions, List<SlotPaths> paths, Style style) {
    String cp = "/" + checkpointId.substring(0, 2) + "/" + checkpointId.substring(2) + "/";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cli_version", CLI_VERSION);
    json.put("checkpoint_id", checkpointId);
    json.put("strategy", STRATEGY);
    json.put("branch", BRANCH);
    json.put("checkpoints_count",
        sessions.stream().mapToInt(FixtureSession::checkpointsCount).sum());
    TreeSet<String> files = new TreeSet<>();
    sessions.forEach(s -> files.addAll(s.filesTouched()));
    json.put("files_touched", style == Style.TOLERANCE ? null : new ArrayList<>(files));
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("metadata", cp + i + "/metadata.json");
      int slot = i;
      paths.get(i).transcript().ifPresent(name -> entry.put("transcript", cp + slot + "/" + name));
      paths.get(i).contentHash()
          .ifPresent(name -> entry.put("content_hash", cp + slot + "/" + name));
      entry.put("prompt", paths.get(i).hasPrompt() ? cp + i + "/prompt.txt" : "");
      entries.add(entry);
    }
    json.put("sessions", entries);
    if (style != Style.TOLERANCE) {
      int[] sum = new int[5];
      sessions.forEach(s -> {
        for (int k = 0; k < 5; k++) {
          sum[k] += s.tokenUsage().get(k);
        }
      });
      json.put("token_usage", tokenUsage(List.of(sum[0], sum[1], sum[2], sum[3], sum[4])));
    } else {
      json.put("has_investigation", true);
    }
    return FixtureJson.indented(json);
  }

  private static Map<String, Object> tokenUsage(List<Integer> values) {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("input_tokens", values.get(0));
    usage.put("cache_creation_tokens", values.get(1));
    usage.put("cache_read_tokens", values.get(2));
    usage.put("output_tokens", values.get(3));
    usage.put("api_call_count", values.get(4));
    return usage;
  }
}
