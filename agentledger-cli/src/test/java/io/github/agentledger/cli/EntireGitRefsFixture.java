package io.github.agentledger.cli;

import static io.github.agentledger.cli.Plumbing.sha256;
import static io.github.agentledger.cli.Plumbing.utf8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A checkpoint of the Entire CLI's git-refs layout built with git plumbing: one ref
 * {@code refs/entire/checkpoints/<last two>/<ULID>} whose commit's tree is the checkpoint
 * directory itself. Slots 0 and 2 (not dense); slot 0 has {@code context.md}, slot 2 none.
 */
final class EntireGitRefsFixture {
  static final String ULID = "01JABCDEFGHJKMNPQRSTVWXYZ5";
  static final String SESSION_0 = "9d1c2a9e-0b7d-4c1e-9a55-3c2d1e0f4b11";
  static final String SESSION_2 = "9e8e4f10-77aa-4d3c-8e21-9f0a1b2c3d4e";
  static final String TRANSCRIPT = "{\"type\":\"user\",\"message\":{\"content\":\"Add refs\"}}\n";

  private EntireGitRefsFixture() {}

  /** {@return the ref the layout reads the checkpoint from} */
  static String ref(String id) {
    return CheckpointRefs.CHECKPOINTS_PREFIX + id.substring(id.length() - 2) + "/" + id;
  }

  /**
   * Writes the checkpoint {@link #ULID} into {@code dir}, initialising a repository there when
   * there is none. With {@code goodHash} false slot 0's content hash is wrong.
   *
   * @return the checkpoint commit
   */
  static String write(Path dir, boolean goodHash) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    GitCli git = new GitCli(dir);
    if (!Files.isDirectory(dir.resolve(".git"))) {
      git.run("init", "-q", "-b", "main");
    }
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("metadata.json", utf8("{\"cli_version\":\"0.9.0\",\"checkpoint_id\":\"" + ULID
        + "\",\"strategy\":\"manual-commit\",\"branch\":\"main\",\"checkpoints_count\":2,"
        + "\"files_touched\":[\"refs.go\"],\"sessions\":["
        + paths(0) + "," + paths(2) + "]}"));
    files.put("0/metadata.json", utf8(session(SESSION_0)));
    files.put("0/full.jsonl", utf8(TRANSCRIPT));
    files.put("0/content_hash.txt", utf8("sha256:"
        + (goodHash ? sha256(TRANSCRIPT) : "0".repeat(64))));
    files.put("0/prompt.txt", utf8("Add refs"));
    files.put("0/context.md", utf8("# Context\n\nThe refs layout.\n"));
    files.put("2/metadata.json", utf8(session(SESSION_2)));
    String tip = git.run(utf8("Checkpoint: " + ULID + "\n"), "commit-tree",
        Plumbing.tree(git, files));
    git.run("update-ref", ref(ULID), tip);
    return tip;
  }

  private static String paths(int slot) {
    return "{\"metadata\":\"/" + slot + "/metadata.json\",\"transcript\":\"/" + slot
        + "/full.jsonl\",\"content_hash\":\"/" + slot + "/content_hash.txt\",\"prompt\":\"/"
        + slot + "/prompt.txt\"}";
  }

  private static String session(String sessionId) {
    return "{\"cli_version\":\"0.9.0\",\"checkpoint_id\":\"" + ULID + "\",\"session_id\":\""
        + sessionId + "\",\"strategy\":\"manual-commit\",\"created_at\":\"2026-11-02T03:04:05Z\","
        + "\"branch\":\"main\",\"checkpoints_count\":1,\"files_touched\":[\"refs.go\"],"
        + "\"agent\":\"Claude Code\",\"model\":\"claude-sonnet-4\"}";
  }
}
