package io.github.agentledger.examples.inspect;

import static io.github.agentledger.examples.inspect.Plumbing.sha256;
import static io.github.agentledger.examples.inspect.Plumbing.utf8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A v1 branch as real repositories hold it (spec §14), built with git plumbing only: checkpoint
 * {@value #CHECKPOINT} has slot directories {@code 0/} and {@code 2/} (no {@code 1/}); slot 2 has
 * a {@code context.md} and its {@code full.jsonl} blob is deleted from the object database, as in
 * a partial clone. Two code commits on {@code main} link to it, one from a squash-merge body.
 */
final class EntireRealFixture {
  static final String CHECKPOINT = "5a5a5a5a5a5a";
  static final String TRANSCRIPT = "{\"type\":\"user\",\"n\":0}\n{\"type\":\"assistant\"}\n";
  static final String MISSING_TRANSCRIPT = "{\"type\":\"user\",\"n\":2}\n";

  private EntireRealFixture() {}

  /** Initialises a repository in {@code dir}; returns the id of the deleted transcript blob. */
  static String write(Path dir) {
    GitCli git = new GitCli(dir);
    git.run("init", "-q", "-b", "main");
    String prefix = CHECKPOINT.substring(0, 2) + "/" + CHECKPOINT.substring(2) + "/";
    String cp = "/" + prefix;
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put(prefix + "metadata.json", utf8("{\n"
        + "  \"cli_version\": \"0.4.5\",\n"
        + "  \"checkpoint_id\": \"" + CHECKPOINT + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"checkpoints_count\": 7,\n"
        + "  \"files_touched\": null,\n"
        + "  \"sessions\": [\n"
        + "    {\n      \"metadata\": \"" + cp + "0/metadata.json\",\n"
        + "      \"transcript\": \"" + cp + "0/full.jsonl\",\n"
        + "      \"content_hash\": \"" + cp + "0/content_hash.txt\",\n"
        + "      \"prompt\": \"\"\n    },\n"
        + "    {\n      \"metadata\": \"" + cp + "2/metadata.json\",\n"
        + "      \"transcript\": \"" + cp + "2/full.jsonl\",\n"
        + "      \"context\": \"" + cp + "2/context.md\",\n"
        + "      \"content_hash\": \"" + cp + "2/content_hash.txt\",\n"
        + "      \"prompt\": \"\"\n    }\n  ],\n"
        + "  \"migration_source_commit\": \"0123456789abcdef0123456789abcdef01234567\"\n"
        + "}\n"));
    files.put(prefix + "0/metadata.json", utf8(session("first", 3, 1200)));
    files.put(prefix + "0/full.jsonl", utf8(TRANSCRIPT));
    files.put(prefix + "0/content_hash.txt", utf8("sha256:" + sha256(TRANSCRIPT)));
    files.put(prefix + "2/metadata.json", utf8(session("third", 4, 3400)));
    files.put(prefix + "2/full.jsonl", utf8(MISSING_TRANSCRIPT));
    files.put(prefix + "2/content_hash.txt", utf8("sha256:" + sha256(MISSING_TRANSCRIPT)));
    files.put(prefix + "2/context.md", utf8("# Session Context\n\n## User Prompts\n"));
    String tip = git.run(utf8("Checkpoint: " + CHECKPOINT + "\n"), "commit-tree",
        Plumbing.tree(git, files));
    git.run("update-ref", "refs/heads/entire/checkpoints/v1", tip);
    String code = git.run(utf8("Add the parser\n\nEntire-Checkpoint: " + CHECKPOINT + "\n"),
        "commit-tree", git.run("mktree"));
    String squash = git.run(utf8("Squash merge (#12)\n\n* Add the parser\n\nEntire-Checkpoint: "
        + CHECKPOINT + "\n\n* Fix the lexer\n"), "commit-tree", git.run("mktree"), "-p", code);
    git.run("update-ref", "refs/heads/main", squash);
    String blob = git.run(utf8(MISSING_TRANSCRIPT), "hash-object", "--stdin");
    try {
      Files.delete(dir.resolve(".git/objects").resolve(blob.substring(0, 2))
          .resolve(blob.substring(2)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return blob;
  }

  private static String session(String sessionId, int steps, int input) {
    return "{\n"
        + "  \"checkpoint_id\": \"" + CHECKPOINT + "\",\n"
        + "  \"session_id\": \"" + sessionId + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"created_at\": \"2026-02-15T20:37:45+11:00\",\n"
        + "  \"steps_count\": " + steps + ",\n"
        + "  \"files_touched\": null,\n"
        + "  \"agent\": \"Claude Code\",\n"
        + "  \"model\": \"\",\n"
        + "  \"token_usage\": {\n    \"input_tokens\": " + input + ",\n"
        + "    \"cache_creation_tokens\": 0,\n    \"cache_read_tokens\": 0,\n"
        + "    \"output_tokens\": 10,\n    \"api_call_count\": 1\n  }\n"
        + "}\n";
  }
}
