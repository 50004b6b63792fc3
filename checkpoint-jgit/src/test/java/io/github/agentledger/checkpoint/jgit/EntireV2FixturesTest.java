package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_A;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_B;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_C;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V2_CURRENT;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V2_DECOY;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V2_MAIN;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.v2Archive;
import static io.github.agentledger.checkpoint.jgit.EntireV1FixturesTest.SESSION_KEY_ORDER;
import static io.github.agentledger.checkpoint.jgit.EntireV1FixturesTest.SUMMARY_KEY_ORDER;
import static io.github.agentledger.checkpoint.jgit.EntireV1FixturesTest.assertKeysInOrder;
import static io.github.agentledger.checkpoint.jgit.EntireV1FixturesTest.reassemble;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks with the git CLI that the v2 fixtures are laid out as spec §6 and Decision 2 say. */
class EntireV2FixturesTest {
  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(),
        "the git command line is not installed: fixture tests need it to build repositories");
  }

  private GitInspector inspect(FixtureRepository repo) {
    return new GitInspector(repo.workTree(), temp.resolve("inspect-home"));
  }

  @Test
  void seedMainHoldsMetadataAndPromptsButNoTranscript() {
    FixtureRepository repo = EntireLayoutFixtures.v2Seed(temp);
    GitInspector git = inspect(repo);

    assertThat(git.tree(V2_MAIN).keySet()).containsExactlyInAnyOrder("0f", "0f/1e2d3c4b5a",
        "0f/1e2d3c4b5a/metadata.json", "0f/1e2d3c4b5a/0", "0f/1e2d3c4b5a/0/metadata.json",
        "0f/1e2d3c4b5a/0/prompt.txt", "a3", "a3/b2c4d5e6f7", "a3/b2c4d5e6f7/metadata.json",
        "a3/b2c4d5e6f7/0", "a3/b2c4d5e6f7/0/metadata.json", "a3/b2c4d5e6f7/0/prompt.txt", "c0",
        "c0/ffee123456", "c0/ffee123456/metadata.json", "c0/ffee123456/0",
        "c0/ffee123456/0/metadata.json", "c0/ffee123456/0/prompt.txt");
    for (ExpectedCheckpoint cp : repo.checkpoints()) {
      String summary = git.text(V2_MAIN, cp.shardPath() + "/metadata.json");
      assertThat(summary).isEqualTo(cp.summaryJson()).doesNotContain("\"transcript\"")
          .doesNotContain("\"content_hash\"");
      assertKeysInOrder(summary, SUMMARY_KEY_ORDER);
      String session = git.text(V2_MAIN, cp.shardPath() + "/0/metadata.json");
      assertThat(session).isEqualTo(cp.sessions().get(0).metadataJson())
          .doesNotContain("transcript_lines_at_start");
      assertKeysInOrder(session, SESSION_KEY_ORDER);
    }
    assertThat(git.text(V2_MAIN, "a3/b2c4d5e6f7/0/metadata.json"))
        .contains("\"checkpoint_transcript_start\": 2,");
    assertModesAndFsck(git, repo);
  }

  @Test
  void seedFullCurrentAccumulatesTranscriptsAndListsThemInGenerationJson() {
    FixtureRepository repo = EntireLayoutFixtures.v2Seed(temp);
    GitInspector git = inspect(repo);

    assertThat(git.rootNames(V2_CURRENT)).containsExactly("0f", "a3", "c0", "generation.json");
    assertThat(git.tree(V2_CURRENT).keySet()).filteredOn(p -> p.startsWith("c0/ffee123456/0/"))
        .containsExactly("c0/ffee123456/0/content_hash.txt", "c0/ffee123456/0/full.jsonl",
            "c0/ffee123456/0/full.jsonl.001");
    JsonObject generation = JsonParser.parseString(git.text(V2_CURRENT, "generation.json"))
        .getAsJsonObject();
    assertThat(generation.keySet())
        .containsExactly("checkpoints", "oldest_checkpoint_at", "newest_checkpoint_at");
    assertThat(generation.getAsJsonArray("checkpoints").asList())
        .extracting(e -> e.getAsString()).containsExactly(CP_B, CP_A, CP_C);
    assertThat(generation.get("oldest_checkpoint_at").getAsString()).isEqualTo(
        EntireMetadataJson.time(repo.checkpoint(CP_B).latestSession().createdAt()));
    assertThat(generation.get("newest_checkpoint_at").getAsString()).isEqualTo(
        EntireMetadataJson.time(repo.checkpoint(CP_C).latestSession().createdAt()));
    for (ExpectedCheckpoint cp : repo.checkpoints()) {
      ExpectedSession s = cp.sessions().get(0);
      assertThat(s.transcriptRef()).contains(V2_CURRENT);
      String slot = cp.shardPath() + "/0/";
      assertThat(reassemble(git, V2_CURRENT, slot, s.transcriptFiles()))
          .isEqualTo(s.transcript());
      assertThat(git.text(V2_CURRENT, slot + "content_hash.txt"))
          .isEqualTo(FixtureLayouts.sha256(s.transcript()));
    }
  }

  @Test
  void seedArchiveKeepsAnOlderCopyAndCurrentRestartedFromAnOrphanSeed() {
    FixtureRepository repo = EntireLayoutFixtures.v2Seed(temp);
    GitInspector git = inspect(repo);
    String archive = v2Archive(1);

    assertThat(archive).isEqualTo("refs/entire/checkpoints/v2/full/0000000000001");
    assertThat(git.rootNames(archive)).containsExactly("a3", "generation.json");
    assertThat(git.text(archive, "generation.json")).contains("\"a3b2c4d5e6f7\"");
    byte[] archived = git.blob(archive, "a3/b2c4d5e6f7/0/full.jsonl");
    assertThat(archived).isNotEqualTo(repo.checkpoint(CP_A).sessions().get(0).transcript());
    assertThat(git.text(archive, "a3/b2c4d5e6f7/0/content_hash.txt"))
        .isEqualTo(FixtureLayouts.sha256(archived));
    List<String> current = git.firstParentChain(V2_CURRENT);
    assertThat(git.message(current.get(0))).isEqualTo(EntireV2Fixtures.START_GENERATION);
    assertThat(git.headers(current.get(0))).noneMatch(h -> h.startsWith("parent "));
    assertThat(git.rootNames(current.get(0))).containsExactly("generation.json");
    assertThat(git.text(current.get(0), "generation.json"))
        .isEqualTo("{\n  \"checkpoints\": []\n}\n");
    current.subList(1, current.size()).forEach(c ->
        assertThat(git.message(c)).matches("Checkpoint: [0-9a-f]{12}\n"));
    List<String> main = git.firstParentChain(V2_MAIN);
    assertThat(git.message(main.get(0))).isEqualTo("Initialize v2 ref");
    assertThat(git.headers(main.get(0))).contains("tree " + GitInspector.EMPTY_TREE);
    assertThat(main.subList(1, main.size())).extracting(git::message).containsExactly(
        "Checkpoint: " + CP_A + "\n", "Checkpoint: " + CP_B + "\n", "Checkpoint: " + CP_A + "\n",
        "Checkpoint: " + CP_C + "\n");
  }

  @Test
  void upstreamMainCarriesCompactTranscriptsThatTheSummaryPointsAt() {
    FixtureRepository repo = EntireLayoutFixtures.v2Upstream(temp);
    GitInspector git = inspect(repo);

    for (ExpectedCheckpoint cp : repo.checkpoints()) {
      String slot = cp.shardPath() + "/0/";
      ExpectedSession s = cp.sessions().get(0);
      assertThat(git.tree(V2_MAIN).keySet()).filteredOn(p -> p.startsWith(slot))
          .containsExactly(slot + "metadata.json", slot + "prompt.txt",
              slot + "transcript.jsonl", slot + "transcript_hash.txt");
      byte[] compact = git.blob(V2_MAIN, slot + "transcript.jsonl");
      assertThat(compact).isEqualTo(s.compactTranscript());
      assertThat(git.text(V2_MAIN, slot + "transcript_hash.txt"))
          .isEqualTo(FixtureLayouts.sha256(compact));
      assertThat(git.text(V2_MAIN, cp.shardPath() + "/metadata.json"))
          .isEqualTo(cp.summaryJson())
          .contains("\"transcript\": \"/" + slot + "transcript.jsonl\"")
          .contains("\"content_hash\": \"/" + slot + "transcript_hash.txt\"");
    }
    assertModesAndFsck(git, repo);
  }

  @Test
  void upstreamFullRefsHoldRawTranscriptsAndOnlyArchivesMayHaveGenerationJson() {
    FixtureRepository repo = EntireLayoutFixtures.v2Upstream(temp);
    GitInspector git = inspect(repo);

    assertThat(git.rootNames(V2_CURRENT)).containsExactly("c0");
    assertThat(git.rootNames(v2Archive(1))).containsExactly("a3");
    assertThat(git.rootNames(v2Archive(2))).containsExactly("0f", "a3", "generation.json");
    assertThat(JsonParser.parseString(git.text(v2Archive(2), "generation.json"))
        .getAsJsonObject().keySet())
        .containsExactly("oldest_checkpoint_at", "newest_checkpoint_at");
    String archiveTip = repo.refs().get(v2Archive(2));
    assertThat(git.message(archiveTip)).isEqualTo(EntireV2Fixtures.ARCHIVE_GENERATION);
    String parent = git.headers(archiveTip).stream().filter(h -> h.startsWith("parent "))
        .findFirst().orElseThrow().substring("parent ".length());
    assertThat(git.rootNames(parent)).doesNotContain("generation.json");
    List<String> current = git.firstParentChain(V2_CURRENT);
    assertThat(git.message(current.get(0))).isEqualTo(EntireV2Fixtures.START_GENERATION);
    assertThat(git.headers(current.get(0))).contains("tree " + GitInspector.EMPTY_TREE);

    ExpectedSession c = repo.checkpoint(CP_C).sessions().get(0);
    assertThat(c.transcriptFiles()).containsExactly(
        "raw_transcript", "raw_transcript.001", "raw_transcript.002");
    assertThat(git.tree(V2_CURRENT).keySet()).filteredOn(p -> p.startsWith("c0/ffee123456/0/"))
        .containsExactly("c0/ffee123456/0/raw_transcript", "c0/ffee123456/0/raw_transcript.001",
            "c0/ffee123456/0/raw_transcript.002", "c0/ffee123456/0/raw_transcript_hash.txt");
    for (ExpectedCheckpoint cp : repo.checkpoints()) {
      ExpectedSession s = cp.sessions().get(0);
      String ref = s.transcriptRef().orElseThrow();
      String slot = cp.shardPath() + "/0/";
      assertThat(reassemble(git, ref, slot, s.transcriptFiles())).isEqualTo(s.transcript());
      assertThat(git.text(ref, slot + "raw_transcript_hash.txt"))
          .isEqualTo(s.contentHash().orElseThrow());
    }
    assertThat(repo.checkpoint(CP_A).sessions().get(0).transcriptRef()).contains(v2Archive(2));
    assertThat(repo.checkpoint(CP_B).sessions().get(0).transcriptRef()).contains(v2Archive(2));
    assertThat(git.blob(v2Archive(1), "a3/b2c4d5e6f7/0/raw_transcript"))
        .isNotEqualTo(repo.checkpoint(CP_A).sessions().get(0).transcript());
    assertThat(git.text(V2_DECOY, "a3/b2c4d5e6f7/0/raw_transcript")).contains("decoy");
  }

  /** Every entry on every ref is a 100644 blob or a 040000 tree, and fsck --strict passes. */
  private static void assertModesAndFsck(GitInspector git, FixtureRepository repo) {
    for (Map.Entry<String, String> ref : repo.refs().entrySet()) {
      git.tree(ref.getValue()).values().forEach(entry -> assertThat(entry.mode())
          .as(ref.getKey() + ":" + entry.path())
          .isEqualTo(entry.type().equals("tree") ? "040000" : "100644"));
    }
    git.git().text("fsck", "--strict", "--no-dangling");
  }
}
