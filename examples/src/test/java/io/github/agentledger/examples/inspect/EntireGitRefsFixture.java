package io.github.agentledger.examples.inspect;

import static io.github.agentledger.examples.inspect.Plumbing.utf8;

import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A repository laid out as the Entire CLI's git-refs layout leaves it (docs/git-refs-layout.md), with git
 * plumbing only, beside the v1 branch of {@link EntireV1Fixture}: checkpoint {@value #ULID} on its
 * own ref {@code refs/entire/checkpoints/ZN/<id>} with a history of two commits (an orphan with one
 * session, then a child adding a second), and a ref whose shard does not match its id.
 */
final class EntireGitRefsFixture {
  static final String ULID = "01KVBJCWYA4YW6J5M9GP655HZN";
  static final String REF = "refs/entire/checkpoints/ZN/" + ULID;
  static final String MISPLACED = "refs/entire/checkpoints/AA/" + ULID;

  private EntireGitRefsFixture() {}

  static void write(Path dir) {
    EntireV1Fixture.write(dir);
    GitCli git = new GitCli(dir);
    SortedMap<String, byte[]> files = new TreeMap<>();
    putSession(files, 0, "s-first", "2026-10-01T09:00:00Z");
    putSummary(files, 1);
    String first = git.run(utf8("Checkpoint: " + ULID + "\n"), "commit-tree",
        Plumbing.tree(git, files));
    putSession(files, 1, "s-second", "2026-10-01T09:05:00Z");
    putSummary(files, 2);
    String second = git.run(utf8("Checkpoint: " + ULID + "\n"), "commit-tree",
        Plumbing.tree(git, files), "-p", first);
    git.run("update-ref", REF, second);
    git.run("update-ref", MISPLACED, second);
  }

  private static void putSession(SortedMap<String, byte[]> files, int slot, String session,
      String createdAt) {
    files.put(slot + "/metadata.json", utf8("{\n"
        + "  \"cli_version\": \"0.10.2\",\n"
        + "  \"checkpoint_id\": \"" + ULID + "\",\n"
        + "  \"session_id\": \"" + session + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"created_at\": \"" + createdAt + "\",\n"
        + "  \"branch\": \"main\",\n"
        + "  \"checkpoints_count\": 1,\n"
        + "  \"files_touched\": [\n    \"src/c.go\"\n  ],\n"
        + "  \"agent\": \"Codex\",\n"
        + "  \"model\": \"gpt-5\"\n"
        + "}\n"));
    files.put(slot + "/prompt.txt", utf8("prompt of " + session));
  }

  private static void putSummary(SortedMap<String, byte[]> files, int sessions) {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < sessions; i++) {
      entries.append(i == 0 ? "" : ",\n").append("    {\n      \"metadata\": \"/").append(i)
          .append("/metadata.json\",\n      \"prompt\": \"/").append(i)
          .append("/prompt.txt\"\n    }");
    }
    files.put("metadata.json", utf8("{\n"
        + "  \"cli_version\": \"0.10.2\",\n"
        + "  \"checkpoint_id\": \"" + ULID + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"branch\": \"main\",\n"
        + "  \"checkpoints_count\": " + sessions + ",\n"
        + "  \"files_touched\": [\n    \"src/c.go\"\n  ],\n"
        + "  \"sessions\": [\n" + entries + "\n  ]\n"
        + "}\n"));
  }
}
