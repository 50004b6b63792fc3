package io.github.agentledger.cli;

import static io.github.agentledger.cli.Plumbing.sha256;
import static io.github.agentledger.cli.Plumbing.utf8;

import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A repository in the later upstream v2 shape (spec §6.1–§6.3), built with git plumbing only:
 * summaries, session metadata, prompts and compact {@code transcript.jsonl} on {@code /main}; raw
 * transcripts as {@code raw_transcript} + {@code raw_transcript_hash.txt}; checkpoint
 * {@value #ARCHIVED} in archive {@code 0000000000001} (whose root {@code generation.json} holds
 * only timestamps) and checkpoint {@value #CURRENT} on {@code /full/current} (no root file).
 */
final class EntireV2Fixture {
  static final String ARCHIVED = "b1c2d3e4f5a6";
  static final String CURRENT = "c0ffee123456";
  static final String RAW_ARCHIVED =
      "{\"type\":\"user\",\"message\":{\"content\":\"Rename the config loader\"}}\n"
      + "{\"type\":\"assistant\",\"message\":{\"content\":\"Renamed to ConfigSource\"}}\n";
  static final String RAW_CURRENT =
      "{\"type\":\"user\",\"message\":{\"content\":\"Add a health check\"}}\n";

  private EntireV2Fixture() {}

  /** Initialises a repository in {@code dir} and writes the v2 refs into it. */
  static void write(Path dir) {
    GitCli git = new GitCli(dir);
    git.run("init", "-q", "-b", "main");
    SortedMap<String, byte[]> main = new TreeMap<>();
    addMain(main, ARCHIVED, "sess-archived", "Rename the config loader", "2026-03-01T10:00:00Z");
    addMain(main, CURRENT, "sess-current", "Add a health check", "2026-03-02T10:00:00Z");
    SortedMap<String, byte[]> archive = new TreeMap<>();
    addRaw(archive, ARCHIVED, RAW_ARCHIVED);
    archive.put("generation.json", utf8("{\n  \"oldest_checkpoint_at\": \"2026-03-01T10:00:00Z\",\n"
        + "  \"newest_checkpoint_at\": \"2026-03-01T10:00:00Z\"\n}\n"));
    SortedMap<String, byte[]> current = new TreeMap<>();
    addRaw(current, CURRENT, RAW_CURRENT);
    git.run("update-ref", "refs/entire/checkpoints/v2/main", commit(git, main, "Checkpoint"));
    git.run("update-ref", "refs/entire/checkpoints/v2/full/0000000000001",
        commit(git, archive, "Archive generation"));
    git.run("update-ref", "refs/entire/checkpoints/v2/full/current",
        commit(git, current, "Checkpoint"));
  }

  private static String commit(GitCli git, SortedMap<String, byte[]> files, String message) {
    return git.run(utf8(message + "\n"), "commit-tree", Plumbing.tree(git, files));
  }

  private static String dir(String id) {
    return id.substring(0, 2) + "/" + id.substring(2) + "/";
  }

  static void addRaw(SortedMap<String, byte[]> files, String id, String raw) {
    files.put(dir(id) + "0/raw_transcript", utf8(raw));
    files.put(dir(id) + "0/raw_transcript_hash.txt", utf8("sha256:" + sha256(raw)));
  }

  static void addMain(SortedMap<String, byte[]> files, String id, String session,
      String prompt, String createdAt) {
    String cp = "/" + dir(id);
    String compact = "{\"v\":1,\"type\":\"user\",\"content\":\"" + prompt + "\"}\n";
    files.put(dir(id) + "metadata.json", utf8("{\n"
        + "  \"checkpoint_id\": \"" + id + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"checkpoints_count\": 1,\n"
        + "  \"files_touched\": null,\n"
        + "  \"sessions\": [\n"
        + "    {\n      \"metadata\": \"" + cp + "0/metadata.json\",\n"
        + "      \"transcript\": \"" + cp + "0/transcript.jsonl\",\n"
        + "      \"content_hash\": \"" + cp + "0/transcript_hash.txt\",\n"
        + "      \"prompt\": \"" + cp + "0/prompt.txt\"\n    }\n  ]\n"
        + "}\n"));
    files.put(dir(id) + "0/metadata.json", utf8("{\n"
        + "  \"checkpoint_id\": \"" + id + "\",\n"
        + "  \"session_id\": \"" + session + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"created_at\": \"" + createdAt + "\",\n"
        + "  \"checkpoints_count\": 1,\n"
        + "  \"files_touched\": null,\n"
        + "  \"agent\": \"Claude Code\",\n"
        + "  \"model\": \"\"\n"
        + "}\n"));
    files.put(dir(id) + "0/prompt.txt", utf8(prompt));
    files.put(dir(id) + "0/transcript.jsonl", utf8(compact));
    files.put(dir(id) + "0/transcript_hash.txt", utf8("sha256:" + sha256(compact)));
  }
}
