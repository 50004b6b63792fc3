package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A repository laid out with {@code git} plumbing only, as the Entire CLI's git-refs layout leaves
 * it (docs/git-refs-layout.md), beside a v1 branch, so that the store's reads are checked against git's shapes
 * rather than against its own writer:
 *
 * <ul>
 *   <li>{@link #ULID_HISTORY}: an orphan commit with one session, then a commit parented on it
 *       that adds a second session (per-checkpoint history);
 *   <li>{@link #ULID_LOWER_SHARD}: a ULID whose ref sits under a lower-case shard directory (a
 *       case-insensitive file system), after {@code git pack-refs}, so an exact lookup misses;
 *   <li>{@link #HEX_MIGRATED}: a legacy hex id on a ref (what migration writes), also present on
 *       the v1 branch with older content: the ref must win;
 *   <li>{@link #HEX_V1_ONLY}: a hex checkpoint found only on the v1 branch;
 *   <li>refs under {@code refs/entire/checkpoints/} that do not round-trip to an id (a wrong shard,
 *       an extra path segment, a malformed ULID, v2's {@code main}), which a listing ignores;
 *   <li>a code commit on {@code main} whose trailers name a ULID and a hex checkpoint.
 * </ul>
 */
final class GitRefsFixture {
  static final String ULID_HISTORY = "01KVBJCWYA4YW6J5M9GP655HZN";
  static final String ULID_LOWER_SHARD = "01KVBJD96J55PB4WRH2EADBE5T";
  static final String HEX_MIGRATED = "a3b2c4d5e6f7";
  static final String HEX_V1_ONLY = "0f1e2d3c4b5a";
  static final String PREFIX = "refs/entire/checkpoints/";
  static final String V1_BRANCH = "refs/heads/entire/checkpoints/v1";
  /** Refs in the namespace that name no checkpoint. */
  static final String WRONG_SHARD = PREFIX + "AA/" + ULID_HISTORY;
  static final String EXTRA_SEGMENT = PREFIX + "HZN/x/" + ULID_HISTORY;
  static final String MALFORMED_ULID = PREFIX + "ZI/01KVBJCWYA4YW6J5M9GP655HZI";
  static final String V2_MAIN = PREFIX + "v2/main";
  static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");

  private final GitPlumbing git;
  private final Path workTree;
  String firstCommitOfHistory = "";
  String tipOfHistory = "";
  String codeCommit = "";

  private GitRefsFixture(Path directory) {
    workTree = directory.resolve("repo");
    try {
      Files.createDirectories(workTree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitCli cli = GitCli.in(workTree, directory.resolve("home"), T0);
    cli.text("init", "-q", "-b", "main");
    git = new GitPlumbing(cli);
  }

  /** Builds the whole layout described on the class. */
  static GitRefsFixture build(Path directory) {
    GitRefsFixture f = new GitRefsFixture(directory);
    f.layOut();
    return f;
  }

  Path gitDir() {
    return workTree.resolve(".git");
  }

  Path workTree() {
    return workTree;
  }

  GitCli git() {
    return git.git();
  }

  static String ref(String id) {
    return PREFIX + id.substring(id.length() - 2) + "/" + id;
  }

  /** {@return the transcript line of a session, as stored} */
  static String transcriptOf(String sessionId) {
    return "{\"type\":\"user\",\"session\":\"" + sessionId + "\"}";
  }

  private void layOut() {
    // A ULID checkpoint with history: orphan, then parented.
    SortedMap<String, byte[]> first = new TreeMap<>();
    putSession(first, "", ULID_HISTORY, 0, "s-u0", T0);
    putSummary(first, "", ULID_HISTORY, 1, 2);
    firstCommitOfHistory = git.commit(T0, git.tree(first), List.of(),
        "Checkpoint: " + ULID_HISTORY + "\n");
    SortedMap<String, byte[]> second = new TreeMap<>(first);
    putSession(second, "", ULID_HISTORY, 1, "s-u1", T0.plusSeconds(60));
    putSummary(second, "", ULID_HISTORY, 2, 5);
    tipOfHistory = git.commit(T0.plusSeconds(60), git.tree(second), List.of(firstCommitOfHistory),
        "Checkpoint: " + ULID_HISTORY + "\n");
    git.updateRef(ref(ULID_HISTORY), tipOfHistory);

    // A ULID under a lower-case shard (case-insensitive file system), packed below.
    SortedMap<String, byte[]> lower = new TreeMap<>();
    putSession(lower, "", ULID_LOWER_SHARD, 0, "s-l0", T0.plusSeconds(120));
    putSummary(lower, "", ULID_LOWER_SHARD, 1, 1);
    git.updateRef(PREFIX + "5t/" + ULID_LOWER_SHARD, git.commit(T0.plusSeconds(120),
        git.tree(lower), List.of(), "Checkpoint: " + ULID_LOWER_SHARD + "\n"));

    // A hex checkpoint migrated onto a ref, newer than its v1 copy.
    SortedMap<String, byte[]> migrated = new TreeMap<>();
    putSession(migrated, "", HEX_MIGRATED, 0, "s-m0-ref", T0.plusSeconds(180));
    putSummary(migrated, "", HEX_MIGRATED, 1, 7);
    git.updateRef(ref(HEX_MIGRATED), git.commit(T0.plusSeconds(180), git.tree(migrated),
        List.of(), "Checkpoint: " + HEX_MIGRATED + "\n"));

    // The v1 branch: the migrated checkpoint's older copy and a v1-only one.
    SortedMap<String, byte[]> v1 = new TreeMap<>();
    String migratedDir = HEX_MIGRATED.substring(0, 2) + "/" + HEX_MIGRATED.substring(2) + "/";
    putSession(v1, migratedDir, HEX_MIGRATED, 0, "s-m0-v1", T0.minusSeconds(600));
    putSummary(v1, migratedDir, HEX_MIGRATED, 1, 3);
    String onlyDir = HEX_V1_ONLY.substring(0, 2) + "/" + HEX_V1_ONLY.substring(2) + "/";
    putSession(v1, onlyDir, HEX_V1_ONLY, 0, "s-v0", T0.minusSeconds(300));
    putSummary(v1, onlyDir, HEX_V1_ONLY, 1, 4);
    git.updateRef(V1_BRANCH, git.commit(T0.minusSeconds(300), git.tree(v1), List.of(),
        "Checkpoint: " + HEX_V1_ONLY + "\n"));

    // Refs that do not round-trip to an id, pointing at real checkpoint commits.
    git.updateRef(WRONG_SHARD, tipOfHistory);
    git.updateRef(EXTRA_SEGMENT, tipOfHistory);
    git.updateRef(MALFORMED_ULID, tipOfHistory);
    git.updateRef(V2_MAIN, tipOfHistory);

    SortedMap<String, byte[]> code = new TreeMap<>();
    code.put("README.md", "# app\n".getBytes(UTF_8));
    codeCommit = git.commit(T0.plusSeconds(240), git.tree(code), List.of(),
        "Add login\n\nEntire-Checkpoint: " + ULID_HISTORY + "\nEntire-Checkpoint: "
            + HEX_MIGRATED + "\n");
    git.updateRef("refs/heads/main", codeCommit);
    git.git().text("pack-refs", "--all");
  }

  /** Session slot files as the Entire CLI writes them ({@code base} empty for a ref's root). */
  static void putSession(SortedMap<String, byte[]> files, String base, String id, int slot,
      String sessionId, Instant createdAt) {
    String dir = base + slot + "/";
    String transcript = transcriptOf(sessionId) + "\n";
    files.put(dir + "metadata.json", ("{\n"
        + "  \"cli_version\": \"0.10.2\",\n"
        + "  \"checkpoint_id\": \"" + id + "\",\n"
        + "  \"session_id\": \"" + sessionId + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"created_at\": \"" + createdAt + "\",\n"
        + "  \"branch\": \"main\",\n"
        + "  \"checkpoints_count\": 1,\n"
        + "  \"files_touched\": [\n    \"src/login.go\"\n  ],\n"
        + "  \"agent\": \"Claude Code\",\n"
        + "  \"model\": \"claude-opus-4\"\n"
        + "}\n").getBytes(UTF_8));
    files.put(dir + "full.jsonl", transcript.getBytes(UTF_8));
    files.put(dir + "content_hash.txt",
        FixtureLayouts.sha256(transcript.getBytes(UTF_8)).getBytes(UTF_8));
    files.put(dir + "prompt.txt", ("prompt of " + sessionId).getBytes(UTF_8));
  }

  /**
   * The summary, with {@code sessions[]} paths spelled as the writer of that tree does: from the
   * ref's root ({@code /0/metadata.json}) under git-refs, {@code /a3/b2c4d5e6f7/0/…} on v1.
   */
  static void putSummary(SortedMap<String, byte[]> files, String base, String id, int sessions,
      int checkpointsCount) {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < sessions; i++) {
      String p = "/" + base + i + "/";
      entries.append(i == 0 ? "" : ",\n").append("    {\n")
          .append("      \"metadata\": \"").append(p).append("metadata.json\",\n")
          .append("      \"transcript\": \"").append(p).append("full.jsonl\",\n")
          .append("      \"content_hash\": \"").append(p).append("content_hash.txt\",\n")
          .append("      \"prompt\": \"").append(p).append("prompt.txt\"\n")
          .append("    }");
    }
    files.put(base + "metadata.json", ("{\n"
        + "  \"cli_version\": \"0.10.2\",\n"
        + "  \"checkpoint_id\": \"" + id + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"branch\": \"main\",\n"
        + "  \"checkpoints_count\": " + checkpointsCount + ",\n"
        + "  \"files_touched\": [\n    \"src/login.go\"\n  ],\n"
        + "  \"sessions\": [\n" + entries + "\n  ]\n"
        + "}\n").getBytes(UTF_8));
  }
}
