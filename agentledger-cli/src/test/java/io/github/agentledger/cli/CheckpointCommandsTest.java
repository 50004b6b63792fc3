package io.github.agentledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckpointCommandsTest {
  static final List<String> IDS = List.of("aa0000000001", "aa0000000002", "bb0000000003");

  @BeforeAll
  static void git() {
    assumeTrue(GitCli.available(), "git is on the PATH");
  }

  @ParameterizedTest
  @EnumSource(CheckpointLayout.class)
  void everyCommandReadsEveryLayoutTheLibraryWrites(CheckpointLayout layout, @TempDir Path dir)
      throws Exception {
    String commit = LibraryRepository.write(dir, layout, IDS, "agent", 2);
    String repo = dir.toString();

    Cli list = Cli.run("checkpoints", "list", "--json", "--repo", repo);
    assertThat(list.status()).isEqualTo(0);
    List<String> ids = new ArrayList<>();
    list.json().getAsJsonArray("checkpoints")
        .forEach(row -> ids.add(row.getAsJsonObject().get("id").getAsString()));
    assertThat(ids).containsAll(IDS);

    Cli explicit = Cli.run("checkpoints", "list", "--layout", layout.name(), "--repo", repo);
    assertThat(explicit.status()).isEqualTo(0);
    assertThat(explicit.out()).contains(layout.name().toLowerCase(Locale.ROOT) + ": 3 checkpoints")
        .contains("bb0000000003");

    Cli show = Cli.run("checkpoints", "show", "bb", "--repo", repo);
    assertThat(show.status()).isEqualTo(0);
    assertThat(show.out()).contains("checkpoint bb0000000003").contains("session 0: session-2")
        .contains("question 2").contains("transcript: 2 lines");

    Cli explain = Cli.run("checkpoints", "explain", commit.substring(0, 10), "--json",
        "--repo", repo);
    assertThat(explain.status()).isEqualTo(0);
    JsonObject linked = explain.json().getAsJsonArray("checkpoints").get(0).getAsJsonObject();
    assertThat(linked.get("id").getAsString()).isEqualTo("aa0000000001");
    assertThat(linked.getAsJsonArray("found_in")).isNotEmpty();

    Cli verify = Cli.run("checkpoints", "verify", "--repo", repo);
    assertThat(verify.status()).as(verify.out()).isEqualTo(0);
    assertThat(verify.out()).contains("no problem");
    assertThat(verify.err()).contains("verifying");
    assertThat(Cli.run("checkpoints", "verify", "-q", "--repo", repo).err()).isEmpty();

    Cli generations = Cli.run("checkpoints", "generations", "--json", "--repo", repo);
    assertThat(generations.status()).isEqualTo(0);
    if (layout != CheckpointLayout.V1 && layout != CheckpointLayout.GIT_REFS) {
      // A threshold of 2: the first two checkpoints were archived, the third is current.
      assertThat(generations.json().getAsJsonArray("archived")).hasSize(1);
      assertThat(generations.json().getAsJsonObject("current").getAsJsonArray("checkpoints")
          .get(0).getAsString()).isEqualTo("bb0000000003");
    }
  }

  @Test
  void prefixesResolveOnlyWhenUnambiguous(@TempDir Path dir) throws Exception {
    LibraryRepository.write(dir, CheckpointLayout.V1, IDS, "agent", 100);
    Cli ambiguous = Cli.run("checkpoints", "show", "aa", "--repo", dir.toString());
    assertThat(ambiguous.status()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("ambiguous").contains("aa0000000001")
        .contains("aa0000000002");
    assertThat(Cli.run("checkpoints", "show", "BB", "--repo", dir.toString()).status())
        .isEqualTo(0);
    Cli none = Cli.run("checkpoints", "show", "cc", "--repo", dir.toString());
    assertThat(none.status()).isEqualTo(1);
    Cli whole = Cli.run("checkpoints", "show", "cc0000000000", "--json", "--repo", dir.toString());
    assertThat(whole.status()).isEqualTo(1);
    assertThat(whole.json().get("found").getAsBoolean()).isFalse();
    assertThat(Cli.run("checkpoints", "show", "a-b", "--repo", dir.toString()).status())
        .isEqualTo(2);
  }

  @Test
  void readsTheEntireCliLayoutsBuiltWithGitPlumbing(@TempDir Path dir) throws Exception {
    Path v1 = Files.createDirectory(dir.resolve("v1"));
    EntireV1Fixture.write(v1);
    Cli show = Cli.run("checkpoints", "show", "a3b2", "--repo", v1.toString());
    assertThat(show.status()).as(show.out() + show.err()).isEqualTo(0);
    assertThat(show.out()).contains("session 0: " + EntireV1Fixture.SESSION_0)
        .contains("session 1: " + EntireV1Fixture.SESSION_1).contains("Fix the login redirect");
    assertThat(Cli.run("checkpoints", "verify", "--repo", v1.toString()).status()).isEqualTo(0);

    Path v2 = Files.createDirectory(dir.resolve("v2"));
    EntireV2Fixture.write(v2);
    Cli list = Cli.run("checkpoints", "list", "--repo", v2.toString());
    assertThat(list.out()).contains("v2: 2 checkpoints").contains(EntireV2Fixture.ARCHIVED)
        .contains(EntireV2Fixture.CURRENT);
    Cli verify = Cli.run("checkpoints", "verify", "--repo", v2.toString());
    assertThat(verify.status()).as(verify.out()).isEqualTo(0);
    assertThat(Cli.run("checkpoints", "generations", "--repo", v2.toString()).out())
        .contains("0000000000001").contains("current");
  }

  @Test
  void showGoesOnPastAMissingObjectAndVerifyNamesIt(@TempDir Path dir) throws Exception {
    EntireV1Fixture.write(dir);
    GitCli git = new GitCli(dir);
    String blob = git.run("rev-parse", "refs/heads/entire/checkpoints/v1:a3/b2c4d5e6f7/0/full.jsonl");
    Files.delete(dir.resolve(".git/objects").resolve(blob.substring(0, 2))
        .resolve(blob.substring(2)));

    Cli show = Cli.run("checkpoints", "show", "a3b2c4d5e6f7", "--json", "--repo", dir.toString());
    assertThat(show.status()).isEqualTo(1);
    JsonObject layout = show.json().getAsJsonArray("layouts").get(0).getAsJsonObject();
    assertThat(layout.getAsJsonArray("sessions")).hasSize(2);
    assertThat(layout.getAsJsonArray("sessions").get(1).getAsJsonObject().get("readable")
        .getAsBoolean()).isTrue();
    assertThat(layout.getAsJsonArray("problems").toString()).contains("session 0");
    JsonObject missing = layout.getAsJsonArray("sessions").get(0).getAsJsonObject();
    // Read with the object missing: the library says so instead of failing the slot.
    assertThat(missing.get("readable").getAsBoolean()).isTrue();
    assertThat(missing.get("transcript_available").getAsBoolean()).isFalse();
    assertThat(missing.get("content_hash").getAsString()).isEqualTo("not_available");
    assertThat(layout.getAsJsonArray("problems").toString()).contains(blob);

    Cli verify = Cli.run("checkpoints", "verify", "--json", "--repo", dir.toString());
    assertThat(verify.status()).isEqualTo(1);
    assertThat(kinds(verify)).contains("missing_object");
    assertThat(verify.json().getAsJsonArray("problems").toString())
        .contains("a3/b2c4d5e6f7/0/full.jsonl").contains(blob);
  }

  @Test
  void readsAGitRefsRepositoryMixedWithV1(@TempDir Path dir) throws Exception {
    EntireV1Fixture.write(dir);
    EntireGitRefsFixture.write(dir, true);
    GitCli git = new GitCli(dir);
    Files.writeString(dir.resolve("refs.go"), "package refs\n");
    git.run("add", "refs.go");
    git.run("-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m",
        "Add refs\n\nEntire-Checkpoint: " + EntireGitRefsFixture.ULID);
    String repo = dir.toString();

    Cli list = Cli.run("checkpoints", "list", "--json", "--repo", repo);
    assertThat(list.status()).as(list.out()).isEqualTo(0);
    assertThat(list.json().getAsJsonArray("layouts").toString()).isEqualTo("[\"git_refs\"]");
    List<String> ids = new ArrayList<>();
    list.json().getAsJsonArray("checkpoints")
        .forEach(row -> ids.add(row.getAsJsonObject().get("id").getAsString()));
    assertThat(ids).containsExactlyInAnyOrder(EntireGitRefsFixture.ULID,
        EntireV1Fixture.CHECKPOINT);

    // A ULID prefix, typed in either case, and a hex id read through the same view.
    for (String typed : List.of("01JABC", "01jabc", EntireGitRefsFixture.ULID)) {
      Cli show = Cli.run("checkpoints", "show", typed, "--repo", repo);
      assertThat(show.status()).as(typed + show.out() + show.err()).isEqualTo(0);
      assertThat(show.out()).contains("checkpoint " + EntireGitRefsFixture.ULID + " (git_refs)")
          .contains("session 0: " + EntireGitRefsFixture.SESSION_0)
          .contains("session 2: " + EntireGitRefsFixture.SESSION_2);
    }
    assertThat(Cli.run("checkpoints", "show", "a3b2", "--repo", repo).out())
        .contains("session 1: " + EntireV1Fixture.SESSION_1);

    Cli explain = Cli.run("checkpoints", "explain", "HEAD", "--json", "--repo", repo);
    assertThat(explain.status()).as(explain.out()).isEqualTo(0);
    JsonObject linked = explain.json().getAsJsonArray("checkpoints").get(0).getAsJsonObject();
    assertThat(linked.get("id").getAsString()).isEqualTo(EntireGitRefsFixture.ULID);
    assertThat(linked.getAsJsonArray("found_in").toString()).isEqualTo("[\"git_refs\"]");

    Cli verify = Cli.run("checkpoints", "verify", "--json", "--repo", repo);
    assertThat(verify.status()).as(verify.out()).isEqualTo(0);
    assertThat(verify.json().getAsJsonArray("refs_checked").toString())
        .contains(EntireGitRefsFixture.ref(EntireGitRefsFixture.ULID));
    assertThat(verify.json().get("checkpoints_checked").getAsInt()).isEqualTo(2);
  }

  @Test
  void showUsesTheLibrarysSlotsContextAndHashCheck(@TempDir Path dir) {
    EntireGitRefsFixture.write(dir, true);
    Cli show = Cli.run("checkpoints", "show", EntireGitRefsFixture.ULID, "--json",
        "--repo", dir.toString());
    assertThat(show.status()).as(show.out()).isEqualTo(0);
    JsonObject layout = show.json().getAsJsonArray("layouts").get(0).getAsJsonObject();
    JsonObject slot0 = layout.getAsJsonArray("sessions").get(0).getAsJsonObject();
    JsonObject slot2 = layout.getAsJsonArray("sessions").get(1).getAsJsonObject();
    assertThat(slot0.get("slot").getAsInt()).isZero();
    assertThat(slot2.get("slot").getAsInt()).isEqualTo(2);
    assertThat(slot0.get("has_context").getAsBoolean()).isTrue();
    assertThat(slot2.get("has_context").getAsBoolean()).isFalse();
    assertThat(slot0.get("content_hash").getAsString()).isEqualTo("matches");
    assertThat(slot2.get("content_hash").getAsString()).isEqualTo("not_stored");
    assertThat(slot0.get("transcript_available").getAsBoolean()).isTrue();
    assertThat(Cli.run("checkpoints", "show", EntireGitRefsFixture.ULID, "--repo",
        dir.toString()).out()).contains("context.md: present").contains("content hash matches");

    Path bad = dir.resolve("bad");
    EntireGitRefsFixture.write(bad, false);
    Cli mismatch = Cli.run("checkpoints", "show", EntireGitRefsFixture.ULID, "--json",
        "--repo", bad.toString());
    assertThat(mismatch.status()).isEqualTo(1);
    JsonObject badLayout = mismatch.json().getAsJsonArray("layouts").get(0).getAsJsonObject();
    assertThat(badLayout.getAsJsonArray("sessions").get(0).getAsJsonObject().get("content_hash")
        .getAsString()).isEqualTo("mismatch");
    assertThat(badLayout.getAsJsonArray("problems").toString()).contains("session 0")
        .contains("sha256:" + "0".repeat(64));
    Cli verify = Cli.run("checkpoints", "verify", "--json", "--repo", bad.toString());
    assertThat(verify.status()).isEqualTo(1);
    assertThat(verify.json().getAsJsonArray("problems").toString()).contains("content_hash")
        .contains(EntireGitRefsFixture.ULID);
  }

  @Test
  void verifyReportsGitRefsItCannotRead(@TempDir Path dir) {
    String tip = EntireGitRefsFixture.write(dir, true);
    GitCli git = new GitCli(dir);
    // A wrong shard, and an id that does not parse.
    String wrongShard = "refs/entire/checkpoints/zz/" + EntireGitRefsFixture.ULID;
    String notAnId = "refs/entire/checkpoints/ab/not-an-id";
    git.run("update-ref", wrongShard, tip);
    git.run("update-ref", notAnId, tip);

    Cli verify = Cli.run("checkpoints", "verify", "--json", "--repo", dir.toString());
    assertThat(verify.status()).isEqualTo(1);
    List<String> unparsable = new ArrayList<>();
    for (JsonElement problem : verify.json().getAsJsonArray("problems")) {
      if (problem.getAsJsonObject().get("kind").getAsString().equals("unparsable_ref")) {
        unparsable.add(problem.getAsJsonObject().get("ref").getAsString());
      }
    }
    assertThat(unparsable).containsExactlyInAnyOrder(wrongShard, notAnId);
    assertThat(git.run("rev-parse", wrongShard)).isEqualTo(tip);
  }

  @Test
  void verifyComparesAGitRefsSummaryWithItsSlotDirectories(@TempDir Path dir) {
    GitCli git = new GitCli(dir);
    git.run("init", "-q", "-b", "main");
    String id = "01JABCDEFGHJKMNPQRSTVWXY7Q";
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("metadata.json", Plumbing.utf8("{\"checkpoint_id\":\"" + id
        + "\",\"strategy\":\"manual-commit\",\"checkpoints_count\":1,\"files_touched\":[],"
        + "\"sessions\":[{\"metadata\":\"/0/metadata.json\"},{\"metadata\":\"/1/metadata.json\"}]}"));
    for (int slot : new int[] {0, 5}) {
      files.put(slot + "/metadata.json", Plumbing.utf8("{\"checkpoint_id\":\"" + id
          + "\",\"session_id\":\"s-" + slot + "\",\"strategy\":\"manual-commit\","
          + "\"created_at\":\"2026-11-02T03:04:05Z\",\"checkpoints_count\":1,"
          + "\"files_touched\":[],\"agent\":\"a\",\"model\":\"\"}"));
    }
    String tip = git.run(Plumbing.utf8("Checkpoint: " + id + "\n"), "commit-tree",
        Plumbing.tree(git, files));
    git.run("update-ref", EntireGitRefsFixture.ref(id), tip);

    Cli verify = Cli.run("checkpoints", "verify", "--json", "--repo", dir.toString());
    assertThat(verify.status()).isEqualTo(1);
    List<String> paths = new ArrayList<>();
    for (JsonElement problem : verify.json().getAsJsonArray("problems")) {
      JsonObject row = problem.getAsJsonObject();
      if (row.get("kind").getAsString().equals("summary_slots")) {
        assertThat(row.get("checkpoint").getAsString()).isEqualTo(id);
        paths.add(row.get("path").getAsString());
      }
    }
    assertThat(paths).containsExactlyInAnyOrder("1", "5");
  }

  @Test
  void verifyFindsBadHashesSlotsAndRefs(@TempDir Path dir) {
    GitCli git = new GitCli(dir);
    git.run("init", "-q", "-b", "main");
    String id = "d00d00d00d00";
    String cp = "/d0/0d00d00d00/";
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("d0/0d00d00d00/metadata.json", Plumbing.utf8("{\"checkpoint_id\":\"" + id
        + "\",\"strategy\":\"manual-commit\",\"checkpoints_count\":1,\"files_touched\":[],"
        + "\"sessions\":[{\"metadata\":\"" + cp + "0/metadata.json\",\"transcript\":\"" + cp
        + "0/full.jsonl\",\"content_hash\":\"" + cp + "0/content_hash.txt\",\"prompt\":\"\"},"
        + "{\"metadata\":\"" + cp + "1/metadata.json\",\"prompt\":\"\"}]}"));
    files.put("d0/0d00d00d00/0/metadata.json", Plumbing.utf8("{\"checkpoint_id\":\"" + id
        + "\",\"session_id\":\"s-0\",\"strategy\":\"manual-commit\",\"created_at\":"
        + "\"2026-01-02T03:04:05Z\",\"checkpoints_count\":1,\"files_touched\":[],"
        + "\"agent\":\"a\",\"model\":\"\"}"));
    files.put("d0/0d00d00d00/0/full.jsonl", Plumbing.utf8("{\"a\":1}"));
    files.put("d0/0d00d00d00/0/content_hash.txt", Plumbing.utf8("sha256:" + "0".repeat(64)));
    String tip = git.run(Plumbing.utf8("Checkpoint: " + id + "\n"), "commit-tree",
        Plumbing.tree(git, files));
    git.run("update-ref", "refs/heads/entire/checkpoints/v1", tip);
    git.run("update-ref", "refs/entire/checkpoints/v2/full/42", tip);

    Cli verify = Cli.run("checkpoints", "verify", "--json", "--repo", dir.toString());
    assertThat(verify.status()).isEqualTo(1);
    assertThat(kinds(verify)).as(verify.out()).contains("content_hash", "summary_slots", "unparsable_ref");
    assertThat(verify.json().get("dry_run").getAsBoolean()).isTrue();
    assertThat(verify.json().getAsJsonArray("repairs").toString())
        .contains("reaggregate_summary").contains("planned");
    assertThat(git.run("rev-parse", "refs/heads/entire/checkpoints/v1")).isEqualTo(tip);
  }

  @Test
  void controlCharactersInStoredFieldsAreEscapedInHumanOutput(@TempDir Path dir) throws Exception {
    String agent = "evil\u001b]0;pwned\u0007\u001b[2J agent\u202e";
    LibraryRepository.write(dir, CheckpointLayout.V1, List.of("ee0000000001"), agent, 100);
    Cli list = Cli.run("checkpoints", "list", "--repo", dir.toString());
    assertThat(list.out()).doesNotContain("\u001b").doesNotContain("\u0007")
        .doesNotContain("\u202e").contains("evil\\e]0;pwned\\x07\\e[2J agent\\u202e");
    Cli json = Cli.run("checkpoints", "list", "--json", "--repo", dir.toString());
    assertThat(json.out()).doesNotContain("\u001b");
    assertThat(json.json().getAsJsonArray("checkpoints").get(0).getAsJsonObject().get("agent")
        .getAsString()).isEqualTo(agent);
  }

  @Test
  void exitStatusesForUsageMissingRepositoriesAndVersion(@TempDir Path dir) {
    assertThat(Cli.run("checkpoints", "frobnicate").status()).isEqualTo(2);
    assertThat(Cli.run("checkpoints", "list", "--layout", "V9").status()).isEqualTo(2);
    assertThat(Cli.run("checkpoints", "list", "--repo", dir.resolve("absent").toString())
        .status()).isEqualTo(3);
    Cli notGit = Cli.run("checkpoints", "list", "--repo", dir.toString());
    assertThat(notGit.status()).isEqualTo(3);
    Cli version = Cli.run("--version");
    assertThat(version.status()).isEqualTo(0);
    assertThat(version.out()).startsWith("agentledger ");
    Cli completion = Cli.run("generate-completion");
    assertThat(completion.status()).isEqualTo(0);
    assertThat(completion.out()).contains("complete").contains("checkpoints")
        .contains("DUAL_WRITE");
  }

  static List<String> kinds(Cli verify) {
    List<String> kinds = new ArrayList<>();
    for (JsonElement problem : verify.json().getAsJsonArray("problems")) {
      kinds.add(problem.getAsJsonObject().get("kind").getAsString());
    }
    return kinds;
  }
}
