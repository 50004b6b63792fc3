package io.github.agentledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoints verify}: a dry run by default; {@code --fix} re-aggregates a summary that
 * disagrees with its slot directories, one commit per repair, on repositories laid out with git
 * plumbing as the Entire CLI leaves them (a summary missing a slot after a merge of two clones; a
 * summary naming a slot whose directory is gone).
 */
class VerifyFixTest {
  private static final String ID = "c0ffee000001";
  private static final String DIR = "c0/ffee000001/";
  private static final String V1 = "refs/heads/entire/checkpoints/v1";
  /** A key the library does not model, as Go's encoder indents it at the summary's top level. */
  private static final String FUTURE =
      "\"future_field\": {\n    \"kept\": [\n      1,\n      2\n    ]\n  }";

  @BeforeAll
  static void needsGit() {
    assumeTrue(GitCli.available(), "git is on the PATH");
  }

  /** A v1 branch whose summary lists {@code listed} while the tree holds {@code slots}. */
  static String v1Branch(GitCli git, int[] slots, int[] listed) {
    git.run("init", "-q", "-b", "main");
    SortedMap<String, byte[]> files = new TreeMap<>();
    StringBuilder sessions = new StringBuilder();
    for (int slot : listed) {
      if (sessions.length() > 0) {
        sessions.append(",\n");
      }
      sessions.append("    {\n      \"metadata\": \"/" + DIR + slot + "/metadata.json\",\n"
          + "      \"prompt\": \"/" + DIR + slot + "/prompt.txt\"\n    }");
    }
    files.put(DIR + "metadata.json", Plumbing.utf8("{\n"
        + "  \"cli_version\": \"0.6.1\",\n"
        + "  \"checkpoint_id\": \"" + ID + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"branch\": \"main\",\n"
        + "  \"checkpoints_count\": " + listed.length + ",\n"
        + "  \"files_touched\": [],\n"
        + "  \"sessions\": [\n" + sessions + "\n  ],\n"
        + "  " + FUTURE + "\n"
        + "}\n"));
    for (int slot : slots) {
      files.put(DIR + slot + "/metadata.json", Plumbing.utf8("{\n"
          + "  \"cli_version\": \"0.6.1\",\n"
          + "  \"checkpoint_id\": \"" + ID + "\",\n"
          + "  \"session_id\": \"s-" + slot + "\",\n"
          + "  \"strategy\": \"manual-commit\",\n"
          + "  \"created_at\": \"2026-11-02T03:04:0" + slot + "Z\",\n"
          + "  \"branch\": \"main\",\n"
          + "  \"checkpoints_count\": 1,\n"
          + "  \"files_touched\": [\n    \"src/f" + slot + ".go\"\n  ],\n"
          + "  \"agent\": \"Claude Code\",\n"
          + "  \"model\": \"claude-sonnet-4\"\n"
          + "}\n"));
      files.put(DIR + slot + "/prompt.txt", Plumbing.utf8("prompt " + slot));
    }
    String tip = git.run(Plumbing.utf8("Checkpoint: " + ID + "\n"), "commit-tree",
        Plumbing.tree(git, files));
    git.run("update-ref", V1, tip);
    return tip;
  }

  private static List<JsonObject> rows(Cli verify, String key) {
    List<JsonObject> rows = new ArrayList<>();
    for (JsonElement row : verify.json().getAsJsonArray(key)) {
      rows.add(row.getAsJsonObject());
    }
    return rows;
  }

  @Test
  void aSummaryMissingASlotIsPlannedThenRepairedInOneCommitKeepingUnknownKeys(
      @TempDir Path dir) {
    GitCli git = new GitCli(dir);
    String tip = v1Branch(git, new int[] {0, 1, 2}, new int[] {0, 2});
    String slotsBefore = git.run("ls-tree", "-r", tip, "--", DIR + "0", DIR + "1", DIR + "2");

    Cli dryRun = Cli.run("checkpoints", "verify", "--json", "-q", "--repo", dir.toString());
    assertThat(dryRun.status()).isEqualTo(1);
    assertThat(dryRun.json().get("dry_run").getAsBoolean()).isTrue();
    assertThat(rows(dryRun, "repairs")).singleElement().satisfies(repair -> {
      assertThat(repair.get("action").getAsString()).isEqualTo("reaggregate_summary");
      assertThat(repair.get("where").getAsString()).isEqualTo(V1);
      assertThat(repair.get("checkpoint").getAsString()).isEqualTo(ID);
      assertThat(repair.get("status").getAsString()).isEqualTo("planned");
    });
    assertThat(git.run("rev-parse", V1)).isEqualTo(tip);

    Cli fix = Cli.run("checkpoints", "verify", "--json", "--fix", "--repo", dir.toString());
    assertThat(fix.status()).as(fix.out() + fix.err()).isEqualTo(0);
    assertThat(fix.json().get("dry_run").getAsBoolean()).isFalse();
    assertThat(rows(fix, "repairs")).singleElement().satisfies(repair ->
        assertThat(repair.get("status").getAsString()).isEqualTo("applied"));
    assertThat(fix.err()).contains("re-aggregating the summary of " + ID);

    String repaired = git.run("rev-parse", V1);
    assertThat(git.run("rev-parse", V1 + "^")).isEqualTo(tip);
    assertThat(git.run("log", "--format=%s", tip + ".." + V1).lines())
        .containsExactly("Re-aggregate summary for checkpoint " + ID
            + " from its session directories");
    assertThat(git.run("ls-tree", "-r", repaired, "--", DIR + "0", DIR + "1", DIR + "2"))
        .isEqualTo(slotsBefore);
    String summary = git.run("cat-file", "blob", V1 + ":" + DIR + "metadata.json");
    assertThat(summary).contains("\"/" + DIR + "1/metadata.json\"").contains(FUTURE)
        .contains("\"checkpoints_count\": 3")
        .contains("\"src/f0.go\",\n    \"src/f1.go\",\n    \"src/f2.go\"");

    Cli again = Cli.run("checkpoints", "verify", "--json", "--fix", "--repo", dir.toString());
    assertThat(again.status()).isEqualTo(0);
    assertThat(rows(again, "problems")).isEmpty();
    assertThat(git.run("rev-parse", V1)).isEqualTo(repaired);
  }

  @Test
  void aSummaryNamingASlotWithoutDirectoryDropsIt(@TempDir Path dir) {
    GitCli git = new GitCli(dir);
    String tip = v1Branch(git, new int[] {0}, new int[] {0, 3});

    Cli fix = Cli.run("checkpoints", "verify", "--fix", "--repo", dir.toString());

    assertThat(fix.status()).as(fix.out() + fix.err()).isEqualTo(0);
    assertThat(fix.out()).contains("summary_slots").contains("repair reaggregate_summary " + ID)
        .contains(": applied");
    assertThat(git.run("rev-parse", V1 + "^")).isEqualTo(tip);
    String summary = git.run("cat-file", "blob", V1 + ":" + DIR + "metadata.json");
    assertThat(summary).doesNotContain("/3/").contains(FUTURE)
        .contains("\"checkpoints_count\": 1");
  }

  @Test
  void aGitRefsCheckpointIsRepairedOnItsOwnRef(@TempDir Path dir) {
    GitCli git = new GitCli(dir);
    git.run("init", "-q", "-b", "main");
    String id = "01JABCDEFGHJKMNPQRSTVWXY7Q";
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("metadata.json", Plumbing.utf8("{\"checkpoint_id\":\"" + id
        + "\",\"strategy\":\"manual-commit\",\"checkpoints_count\":2,\"files_touched\":[],"
        + "\"sessions\":[{\"metadata\":\"/0/metadata.json\"},{\"metadata\":\"/1/metadata.json\"}],"
        + "\"x_unknown\":true}"));
    for (int slot : new int[] {0, 5}) {
      files.put(slot + "/metadata.json", Plumbing.utf8("{\"checkpoint_id\":\"" + id
          + "\",\"session_id\":\"s-" + slot + "\",\"strategy\":\"manual-commit\","
          + "\"created_at\":\"2026-11-02T03:04:05Z\",\"checkpoints_count\":1,"
          + "\"files_touched\":[],\"agent\":\"a\",\"model\":\"\"}"));
    }
    String tip = git.run(Plumbing.utf8("Checkpoint: " + id + "\n"), "commit-tree",
        Plumbing.tree(git, files));
    String ref = EntireGitRefsFixture.ref(id);
    git.run("update-ref", ref, tip);

    Cli fix = Cli.run("checkpoints", "verify", "--json", "--fix", "-q", "--repo", dir.toString());

    assertThat(fix.status()).as(fix.out() + fix.err()).isEqualTo(0);
    assertThat(rows(fix, "repairs")).singleElement().satisfies(repair -> {
      assertThat(repair.get("where").getAsString()).isEqualTo(ref);
      assertThat(repair.get("status").getAsString()).isEqualTo("applied");
    });
    assertThat(git.run("rev-parse", ref + "^")).isEqualTo(tip);
    String summary = git.run("cat-file", "blob", ref + ":metadata.json");
    assertThat(summary).contains("/5/metadata.json").doesNotContain("/1/metadata.json")
        .contains("x_unknown");
    assertThat(Cli.run("checkpoints", "verify", "--repo", dir.toString()).status()).isEqualTo(0);
  }
}
