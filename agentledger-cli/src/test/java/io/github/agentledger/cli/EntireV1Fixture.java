package io.github.agentledger.cli;

import static io.github.agentledger.cli.Plumbing.sha256;
import static io.github.agentledger.cli.Plumbing.utf8;

import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A repository laid out as the Entire CLI writes v1 (spec §5), built with git plumbing only
 * ({@code hash-object}, {@code mktree}, {@code commit-tree}, {@code update-ref}): checkpoint
 * {@value #CHECKPOINT} with two sessions, the first with a transcript and prompts, the second
 * with neither (the summary then names only its metadata and an empty prompt).
 */
final class EntireV1Fixture {
  static final String CHECKPOINT = "a3b2c4d5e6f7";
  static final String SESSION_0 = "6f1c2a9e-0b7d-4c1e-9a55-3c2d1e0f4b11";
  static final String SESSION_1 = "2b8e4f10-77aa-4d3c-8e21-9f0a1b2c3d4e";
  static final String PROMPT_0 = "Fix the login redirect";
  static final String TRANSCRIPT_0 = String.join("\n",
      "{\"type\":\"user\",\"uuid\":\"u1\",\"message\":{\"role\":\"user\","
          + "\"content\":\"Fix the login redirect\"}}",
      "{\"type\":\"assistant\",\"uuid\":\"a1\",\"message\":{\"role\":\"assistant\","
          + "\"content\":\"Looking at src/a.go\"}}",
      "{\"type\":\"assistant\",\"uuid\":\"a2\",\"message\":{\"role\":\"assistant\","
          + "\"content\":\"Done: the redirect keeps the query string\"}}",
      "{\"type\":\"user\",\"uuid\":\"u2\",\"message\":{\"role\":\"user\","
          + "\"content\":\"Thanks\"}}") + "\n";

  private EntireV1Fixture() {}

  /** Initialises a repository in {@code dir} and writes the v1 branch into it. */
  static void write(Path dir) {
    GitCli git = new GitCli(dir);
    git.run("init", "-q", "-b", "main");
    String prefix = CHECKPOINT.substring(0, 2) + "/" + CHECKPOINT.substring(2) + "/";
    String cp = "/" + prefix;
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put(prefix + "metadata.json", utf8("{\n"
        + "  \"cli_version\": \"0.6.1\",\n"
        + "  \"checkpoint_id\": \"" + CHECKPOINT + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"branch\": \"feature/login\",\n"
        + "  \"checkpoints_count\": 5,\n"
        + "  \"files_touched\": [\n    \"src/a.go\",\n    \"src/b.go\"\n  ],\n"
        + "  \"sessions\": [\n"
        + "    {\n      \"metadata\": \"" + cp + "0/metadata.json\",\n"
        + "      \"transcript\": \"" + cp + "0/full.jsonl\",\n"
        + "      \"content_hash\": \"" + cp + "0/content_hash.txt\",\n"
        + "      \"prompt\": \"" + cp + "0/prompt.txt\"\n    },\n"
        + "    {\n      \"metadata\": \"" + cp + "1/metadata.json\",\n"
        + "      \"prompt\": \"\"\n    }\n  ],\n"
        + "  \"token_usage\": {\n    \"input_tokens\": 1500,\n"
        + "    \"cache_creation_tokens\": 200,\n    \"cache_read_tokens\": 800,\n"
        + "    \"output_tokens\": 500,\n    \"api_call_count\": 3\n  }\n"
        + "}\n"));
    files.put(prefix + "0/metadata.json", utf8(session(SESSION_0, 3, "src/a.go",
        "2026-01-02T03:04:05Z")));
    files.put(prefix + "0/full.jsonl", utf8(TRANSCRIPT_0));
    files.put(prefix + "0/content_hash.txt", utf8("sha256:" + sha256(TRANSCRIPT_0)));
    files.put(prefix + "0/prompt.txt", utf8(PROMPT_0));
    files.put(prefix + "1/metadata.json", utf8(session(SESSION_1, 2, "src/b.go",
        "2026-01-02T04:05:06Z")));
    String empty = git.run("mktree");
    String init = git.run(utf8("Initialize sessions branch"), "commit-tree", empty);
    String tip = git.run(utf8("Checkpoint: " + CHECKPOINT + "\n\nEntire-Session: " + SESSION_1
        + "\nEntire-Strategy: manual-commit\nEntire-Agent: Claude Code\n"),
        "commit-tree", Plumbing.tree(git, files), "-p", init);
    git.run("update-ref", "refs/heads/entire/checkpoints/v1", tip);
  }

  private static String session(String sessionId, int steps, String file, String createdAt) {
    return "{\n"
        + "  \"cli_version\": \"0.6.1\",\n"
        + "  \"checkpoint_id\": \"" + CHECKPOINT + "\",\n"
        + "  \"session_id\": \"" + sessionId + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"created_at\": \"" + createdAt + "\",\n"
        + "  \"branch\": \"feature/login\",\n"
        + "  \"checkpoints_count\": " + steps + ",\n"
        + "  \"files_touched\": [\n    \"" + file + "\"\n  ],\n"
        + "  \"agent\": \"Claude Code\",\n"
        + "  \"model\": \"claude-sonnet-4\"\n"
        + "}\n";
  }
}
