package io.github.agentledger.cli;

import static io.github.agentledger.cli.Plumbing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.agentledger.checkpoint.CheckpointId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoints verify --fix} adds to an archived generation's {@code generation.json} the
 * checkpoints its tree holds that the file's list (the pre-2026-03-30 shape) leaves out: a dry run
 * by default, one commit by compare-and-swap with {@code --fix}, nothing else changed, nothing
 * written the second time; and it never writes a remote-tracking ref, saying how such a ref is
 * repaired. Repositories are laid out with git plumbing.
 */
class VerifyGenerationRepairTest {
  private static final String ARCHIVE = "refs/entire/checkpoints/v2/full/0000000000001";
  private static final String LISTED = "d1d2d3d4d5d6";
  private static final String LEFT_OUT_1 = "e1e2e3e4e5e6";
  private static final String LEFT_OUT_2 = "f1f2f3f4f5f6";
  /** The old shape: the list, both timestamps, and a key this command does not model. */
  private static final String GENERATION_JSON = "{\n"
      + "  \"checkpoints\": [\n    \"" + LISTED + "\"\n  ],\n"
      + "  \"oldest_checkpoint_at\": \"2026-03-01T10:00:00Z\",\n"
      + "  \"newest_checkpoint_at\": \"2026-03-01T12:00:00Z\",\n"
      + "  \"x_future\": {\n    \"kept\": [\n      1,\n      2.50\n    ]\n  }\n"
      + "}\n";

  @BeforeAll
  static void needsGit() {
    assumeTrue(GitCli.available(), "git is on the PATH");
  }

  /** A v2 repository: /main names three checkpoints; archive 1 holds their raw transcripts. */
  private static String v2WithArchive(GitCli git, String generationJson) {
    git.run("init", "-q", "-b", "main");
    SortedMap<String, byte[]> main = new TreeMap<>();
    SortedMap<String, byte[]> archive = new TreeMap<>();
    int n = 0;
    for (String id : List.of(LISTED, LEFT_OUT_1, LEFT_OUT_2)) {
      EntireV2Fixture.addMain(main, id, "sess-" + n, "prompt " + n, "2026-03-01T1" + n + ":00:00Z");
      EntireV2Fixture.addRaw(archive, id, "{\"type\":\"user\",\"n\":" + n + "}\n");
      n++;
    }
    archive.put("generation.json", utf8(generationJson));
    git.run("update-ref", "refs/entire/checkpoints/v2/main", commit(git, main, "Checkpoint"));
    String tip = commit(git, archive, "Archive generation");
    git.run("update-ref", ARCHIVE, tip);
    return tip;
  }

  private static String commit(GitCli git, SortedMap<String, byte[]> files, String message) {
    return git.run(utf8(message + "\n"), "commit-tree", Plumbing.tree(git, files));
  }

  private static List<JsonObject> rows(Cli verify, String key) {
    List<JsonObject> rows = new ArrayList<>();
    for (JsonElement row : verify.json().getAsJsonArray(key)) {
      rows.add(row.getAsJsonObject());
    }
    return rows;
  }

  @Test
  void leftOutCheckpointsArePlannedThenAddedInOneCommitKeepingEverythingElse(
      @TempDir Path dir) {
    GitCli git = new GitCli(dir);
    String tip = v2WithArchive(git, GENERATION_JSON);
    String transcriptsBefore = git.run("ls-tree", "-r", tip, "--", "d1", "e1", "f1");

    Cli dryRun = Cli.run("checkpoints", "verify", "--json", "-q", "--repo", dir.toString());
    assertThat(dryRun.status()).as(dryRun.out()).isEqualTo(1);
    assertThat(rows(dryRun, "problems")).extracting(p -> p.get("checkpoint").getAsString())
        .containsExactly(LEFT_OUT_1, LEFT_OUT_2);
    assertThat(rows(dryRun, "repairs")).hasSize(2).allSatisfy(repair -> {
      assertThat(repair.get("action").getAsString()).isEqualTo("add_to_generation_json");
      assertThat(repair.get("where").getAsString()).isEqualTo(ARCHIVE);
      assertThat(repair.get("status").getAsString()).isEqualTo("planned");
    });
    assertThat(git.run("rev-parse", ARCHIVE)).isEqualTo(tip);

    Cli fix = Cli.run("checkpoints", "verify", "--fix", "--repo", dir.toString());
    assertThat(fix.status()).as(fix.out() + fix.err()).isEqualTo(0);
    assertThat(fix.out()).contains("repair add_to_generation_json " + LEFT_OUT_1 + " on "
        + ARCHIVE + ": applied").contains("repair add_to_generation_json " + LEFT_OUT_2);
    assertThat(fix.err()).contains("adding 2 checkpoints to generation.json on " + ARCHIVE);

    String repaired = git.run("rev-parse", ARCHIVE);
    assertThat(git.run("rev-parse", ARCHIVE + "^")).isEqualTo(tip);
    assertThat(git.run("log", "--format=%s", tip + ".." + ARCHIVE).lines())
        .containsExactly("Repair generation metadata: " + ARCHIVE);
    assertThat(git.run("ls-tree", "-r", repaired, "--", "d1", "e1", "f1"))
        .isEqualTo(transcriptsBefore);
    JsonObject before = JsonParser.parseString(GENERATION_JSON).getAsJsonObject();
    String text = git.run("cat-file", "blob", ARCHIVE + ":generation.json");
    JsonObject after = JsonParser.parseString(text).getAsJsonObject();
    assertThat(after.getAsJsonArray("checkpoints")).extracting(JsonElement::getAsString)
        .containsExactly(LISTED, LEFT_OUT_1, LEFT_OUT_2);
    after.remove("checkpoints");
    before.remove("checkpoints");
    assertThat(after).isEqualTo(before);
    assertThat(text).contains("2.50");

    Cli again = Cli.run("checkpoints", "verify", "--fix", "--json", "--repo", dir.toString());
    assertThat(again.status()).as(again.out()).isEqualTo(0);
    assertThat(rows(again, "problems")).isEmpty();
    assertThat(rows(again, "repairs")).isEmpty();
    assertThat(git.run("rev-parse", ARCHIVE)).isEqualTo(repaired);
  }

  @Test
  void aGenerationThatMovedAfterItWasReadIsNotOverwritten(@TempDir Path dir) throws Exception {
    GitCli git = new GitCli(dir);
    String tip = v2WithArchive(git, GENERATION_JSON);
    String other = git.run(utf8("Merge local checkpoints into archived generation\n"),
        "commit-tree", git.run("rev-parse", tip + "^{tree}"), "-p", tip);
    Clock clock = Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);
    try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git")
        .toFile()).setMustExist(true).build()) {
      GenerationRepair repair = new GenerationRepair(repository, clock,
          () -> git.run("update-ref", ARCHIVE, other, tip));
      TreeSet<CheckpointId> missing = new TreeSet<>(List.of(CheckpointId.parse(LEFT_OUT_1)));

      assertThatThrownBy(() -> repair.addToGenerationJson(ARCHIVE, ObjectId.fromString(tip),
          missing)).isInstanceOf(GenerationRepair.RepairException.class)
          .hasMessageContaining(ARCHIVE).hasMessageContaining("run verify again");
    }
    assertThat(git.run("rev-parse", ARCHIVE)).isEqualTo(other);
  }

  @Test
  void aRepairCommitsAtTheInjectedClockAndARepeatedRepairWritesNothing(@TempDir Path dir)
      throws Exception {
    GitCli git = new GitCli(dir);
    String tip = v2WithArchive(git, GENERATION_JSON);
    git.run("config", "user.name", "Repairer");
    git.run("config", "user.email", "repair@example.com");
    Clock clock = Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);
    TreeSet<CheckpointId> missing = new TreeSet<>(List.of(CheckpointId.parse(LEFT_OUT_2)));
    try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git")
        .toFile()).setMustExist(true).build()) {
      GenerationRepair repair = new GenerationRepair(repository, clock, () -> { });

      assertThat(repair.addToGenerationJson(ARCHIVE, ObjectId.fromString(tip), missing))
          .isEqualTo(GenerationRepair.Outcome.APPLIED);
      ObjectId repaired = repository.exactRef(ARCHIVE).getObjectId();
      assertThat(repair.addToGenerationJson(ARCHIVE, repaired, missing))
          .isEqualTo(GenerationRepair.Outcome.UNCHANGED);
      assertThat(repository.exactRef(ARCHIVE).getObjectId()).isEqualTo(repaired);
    }
    assertThat(git.run("log", "-1", "--format=%an <%ae> %aI %cI", ARCHIVE))
        .isEqualTo("Repairer <repair@example.com> 2026-12-06T00:00:00+00:00 2026-12-06T00:00:00+00:00");
  }

  @Test
  void aListThatIsNotAnArrayIsRefusedAndNothingIsWritten(@TempDir Path dir)
      throws Exception {
    GitCli git = new GitCli(dir);
    String tip = v2WithArchive(git, "{\"checkpoints\": \"" + LISTED + "\"}\n");
    Clock clock = Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);
    try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git")
        .toFile()).setMustExist(true).build()) {
      GenerationRepair repair = new GenerationRepair(repository, clock, () -> { });
      TreeSet<CheckpointId> missing = new TreeSet<>(List.of(CheckpointId.parse(LEFT_OUT_1)));

      assertThatThrownBy(() -> repair.addToGenerationJson(ARCHIVE, ObjectId.fromString(tip),
          missing)).isInstanceOf(GenerationRepair.RepairException.class)
          .hasMessageContaining("no \"checkpoints\" array");
    }
    assertThat(git.run("rev-parse", ARCHIVE)).isEqualTo(tip);
  }

  @Test
  void aRemoteTrackingRefIsNeverWrittenAndTheOutputSaysHowItIsRepaired(@TempDir Path dir) {
    GitCli git = new GitCli(dir);
    String tip = VerifyFixTest.v1Branch(git, new int[] {0, 1}, new int[] {0});
    String remote = CheckpointRefs.V1_REMOTE;
    git.run("update-ref", remote, tip);
    git.run("update-ref", "-d", CheckpointRefs.V1);

    Cli fix = Cli.run("checkpoints", "verify", "--fix", "--json", "-q", "--repo", dir.toString());

    assertThat(fix.status()).isEqualTo(1);
    assertThat(rows(fix, "repairs")).singleElement().satisfies(repair -> {
      assertThat(repair.get("where").getAsString()).isEqualTo(remote);
      assertThat(repair.get("status").getAsString()).isEqualTo("unavailable");
      assertThat(repair.get("reason").getAsString()).isEqualTo(remote
          + " is a remote-tracking ref, which verify never writes: remote-tracking refs are"
          + " repaired by fixing the local ref (refs/heads/entire/checkpoints/v1, with verify"
          + " --fix) and pushing it to origin");
    });
    Cli human = Cli.run("checkpoints", "verify", "--fix", "--repo", dir.toString());
    assertThat(human.status()).isEqualTo(1);
    assertThat(human.out()).contains(": unavailable (" + remote + " is a remote-tracking ref")
        .contains("repaired by fixing the local ref");
    assertThat(git.run("rev-parse", remote)).isEqualTo(tip);
    assertThat(git.run("for-each-ref", "--format=%(refname)", "refs/heads/")).isEmpty();
  }
}
