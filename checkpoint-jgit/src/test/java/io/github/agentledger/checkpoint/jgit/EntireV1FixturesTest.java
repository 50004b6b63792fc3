package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_A;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_B;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.CP_C;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V1_REF;
import static io.github.agentledger.checkpoint.jgit.EntireLayoutFixtures.V1_REMOTE_REF;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks with the git CLI that the v1 fixtures are laid out exactly as spec §5 says. */
class EntireV1FixturesTest {
  static final List<String> SESSION_KEY_ORDER = List.of("cli_version", "checkpoint_id",
      "session_id", "strategy", "created_at", "branch", "checkpoints_count", "files_touched",
      "agent", "model", "turn_id", "is_task", "tool_use_id", "transcript_identifier_at_start",
      "checkpoint_transcript_start", "transcript_lines_at_start", "token_usage",
      "session_metrics", "summary", "initial_attribution", "prompt_attributions", "kind",
      "review_skills", "review_prompt");
  static final List<String> SUMMARY_KEY_ORDER = List.of("cli_version", "checkpoint_id",
      "strategy", "branch", "checkpoints_count", "files_touched", "sessions", "token_usage",
      "combined_attribution", "has_review");

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
  void v1BranchHasTheShardedLayoutWithOnlyRegularFilesAndDirectories() {
    FixtureRepository repo = EntireLayoutFixtures.v1Branch(temp);
    GitInspector git = inspect(repo);

    Map<String, GitInspector.Entry> tree = git.tree(V1_REF);

    assertThat(git.rootNames(V1_REF)).containsExactly("0f", "a3", "c0");
    assertThat(tree.keySet()).contains("a3/b2c4d5e6f7/metadata.json",
        "a3/b2c4d5e6f7/0/metadata.json", "a3/b2c4d5e6f7/0/full.jsonl",
        "a3/b2c4d5e6f7/0/content_hash.txt", "a3/b2c4d5e6f7/0/prompt.txt",
        "0f/1e2d3c4b5a/1/full.jsonl", "c0/ffee123456/0/full.jsonl",
        "c0/ffee123456/0/full.jsonl.001", "c0/ffee123456/0/full.jsonl.002");
    assertThat(tree.keySet()).isEqualTo(expectedPaths(repo, "full.jsonl", "content_hash.txt"));
    tree.values().forEach(entry -> assertThat(entry.mode())
        .as(entry.path()).isEqualTo(entry.type().equals("tree") ? "040000" : "100644"));
    git.git().text("fsck", "--strict", "--no-dangling");
  }

  @Test
  void v1BlobsHoldTheExpectedMetadataPromptsHashesAndChunkedTranscripts() {
    FixtureRepository repo = EntireLayoutFixtures.v1Branch(temp);
    GitInspector git = inspect(repo);

    for (ExpectedCheckpoint cp : repo.checkpoints()) {
      String dir = cp.id().substring(0, 2) + "/" + cp.id().substring(2);
      assertThat(dir).isEqualTo(cp.shardPath());
      String summary = git.text(V1_REF, dir + "/metadata.json");
      assertThat(summary).isEqualTo(cp.summaryJson()).startsWith("{\n  \"cli_version\": ")
          .endsWith("\n}\n");
      assertKeysInOrder(summary, SUMMARY_KEY_ORDER);
      JsonObject parsed = JsonParser.parseString(summary).getAsJsonObject();
      assertThat(parsed.get("checkpoint_id").getAsString()).isEqualTo(cp.id());
      assertThat(parsed.getAsJsonArray("sessions")).hasSize(cp.sessions().size());
      for (ExpectedSession s : cp.sessions()) {
        String slot = dir + "/" + s.index() + "/";
        String metadata = git.text(V1_REF, slot + "metadata.json");
        assertThat(metadata).isEqualTo(s.metadataJson());
        assertKeysInOrder(metadata, SESSION_KEY_ORDER);
        assertThat(JsonParser.parseString(metadata).getAsJsonObject().get("session_id")
            .getAsString()).isEqualTo(s.sessionId());
        assertThat(git.text(V1_REF, slot + "prompt.txt"))
            .isEqualTo(String.join("\n\n---\n\n", s.prompts()));
        byte[] transcript = reassemble(git, V1_REF, slot, s.transcriptFiles());
        assertThat(transcript).isEqualTo(s.transcript());
        assertThat(git.text(V1_REF, slot + "content_hash.txt"))
            .isEqualTo(s.contentHash().orElseThrow())
            .isEqualTo(FixtureLayouts.sha256(transcript))
            .matches("sha256:[0-9a-f]{64}");
      }
    }
    assertThat(repo.checkpoint(CP_C).sessions().get(0).transcriptFiles())
        .containsExactly("full.jsonl", "full.jsonl.001", "full.jsonl.002");
    assertThat(repo.newestFirst()).extracting(ExpectedCheckpoint::id)
        .containsExactly(CP_B, CP_C, CP_A);
  }

  @Test
  void v1CommitsCarryTheSpecMessagesAndTrailers() {
    FixtureRepository repo = EntireLayoutFixtures.v1Branch(temp);
    GitInspector git = inspect(repo);

    List<String> chain = git.firstParentChain(V1_REF);

    assertThat(chain).hasSize(5);
    assertThat(git.message(chain.get(0))).isEqualTo("Initialize sessions branch");
    assertThat(git.headers(chain.get(0))).contains("tree " + GitInspector.EMPTY_TREE)
        .noneMatch(h -> h.startsWith("parent "));
    List<String> subjects = new ArrayList<>();
    for (String commit : chain.subList(1, chain.size())) {
      String message = git.message(commit);
      subjects.add(message.substring(0, message.indexOf('\n')));
      assertThat(message).matches("Checkpoint: [0-9a-f]{12}\n\n(?s).*\n");
      assertThat(git.trailers(message)).hasSize(3)
          .anyMatch(t -> t.startsWith("Entire-Session: s-"))
          .contains("Entire-Strategy: manual-commit")
          .anyMatch(t -> t.startsWith("Entire-Agent: "));
      assertThat(git.headers(commit)).anyMatch(h -> h.startsWith("parent "));
    }
    assertThat(subjects).containsExactly("Checkpoint: " + CP_A, "Checkpoint: " + CP_B,
        "Checkpoint: " + CP_C, "Checkpoint: " + CP_B);
    assertThat(git.message(chain.get(4))).contains("Entire-Session: s-b1\n")
        .contains("Entire-Agent: Codex\n");
  }

  @Test
  void theCodeCommitOnMainLinksTwoCheckpointsThroughThreeTrailers() {
    FixtureRepository repo = EntireLayoutFixtures.v1Branch(temp);
    GitInspector git = inspect(repo);

    String message = git.message(git.resolve("refs/heads/main").orElseThrow());

    assertThat(git.trailers(message)).containsExactly("Entire-Checkpoint: " + CP_A,
        "Entire-Checkpoint: " + CP_B, "Entire-Checkpoint: " + CP_A);
    assertThat(repo.linkedCheckpointIds()).containsExactly(CP_A, CP_B);
    assertThat(repo.codeCommit()).isEqualTo(git.resolve("refs/heads/main").orElseThrow());
  }

  @Test
  void tolerantVariantHoldsEveryOddityReadersMustAccept() {
    FixtureRepository repo = EntireLayoutFixtures.v1Tolerant(temp);
    GitInspector git = inspect(repo);
    Map<String, GitInspector.Entry> tree = git.tree(V1_REF);

    assertThat(git.rootNames(V1_REF))
        .containsExactly("0f", "a3", "generation.json", "tasks", "vercel.json", "zz");
    assertThat(tree.get("tasks").type()).isEqualTo("tree");
    assertThat(tree).containsKeys("a3/b2c4d5e6f7/0/full.log",
        "a3/b2c4d5e6f7/tasks/toolu_01abc/checkpoint.json", "zz/not-a-checkpoint/metadata.json")
        .doesNotContainKey("a3/b2c4d5e6f7/0/full.jsonl");
    assertThat(tree.keySet()).filteredOn(p -> p.startsWith("0f/1e2d3c4b5a/1/"))
        .containsExactly("0f/1e2d3c4b5a/1/metadata.json");
    String sessionA = git.text(V1_REF, "a3/b2c4d5e6f7/0/metadata.json");
    assertThat(sessionA).contains("\"files_touched\": null,\n")
        .contains("\"transcript_lines_at_start\": 2,\n").contains("\"future_field\": {")
        .doesNotContain("token_usage").doesNotContain("checkpoint_transcript_start");
    String summaryB = git.text(V1_REF, "0f/1e2d3c4b5a/metadata.json");
    assertThat(summaryB).contains("\"files_touched\": null,\n")
        .contains("\"has_investigation\": true").doesNotContain("token_usage")
        .contains("{\n      \"metadata\": \"/0f/1e2d3c4b5a/1/metadata.json\",\n"
            + "      \"prompt\": \"\"\n    }");
    assertThat(git.text(V1_REF, "a3/b2c4d5e6f7/metadata.json"))
        .contains("\"transcript\": \"/a3/b2c4d5e6f7/0/full.log\"");
    assertThat(repo.checkpoint(CP_B).sessions().get(1).hasTranscript()).isFalse();
    assertThat(reassemble(git, V1_REF, "a3/b2c4d5e6f7/0/", List.of("full.log")))
        .isEqualTo(repo.checkpoint(CP_A).sessions().get(0).transcript());
    git.git().text("fsck", "--strict", "--no-dangling");
  }

  @Test
  void remoteTrackingVariantHasNoLocalBranchButTheSameTree() {
    FixtureRepository repo = EntireLayoutFixtures.v1RemoteTrackingOnly(temp);
    GitInspector git = inspect(repo);

    assertThat(git.resolve(V1_REF)).isEmpty();
    assertThat(git.resolve(V1_REMOTE_REF)).contains(repo.refs().get(V1_REMOTE_REF));
    assertThat(repo.refs()).doesNotContainKey(V1_REF);
    assertThat(git.tree(V1_REMOTE_REF).keySet())
        .isEqualTo(expectedPaths(repo, "full.jsonl", "content_hash.txt"));
  }

  static void assertKeysInOrder(String json, List<String> specOrder) {
    List<String> keys = new ArrayList<>(JsonParser.parseString(json).getAsJsonObject().keySet());
    List<String> known = keys.stream().filter(specOrder::contains).toList();
    assertThat(known).isSortedAccordingTo(
        (x, y) -> Integer.compare(specOrder.indexOf(x), specOrder.indexOf(y)));
  }

  static byte[] reassemble(GitInspector git, String ref, String slot, List<String> names) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.write('\n');
      }
      out.writeBytes(git.blob(ref, slot + names.get(i)));
    }
    return out.toByteArray();
  }

  /** Every path (directories included) the spec says a v1 tree of {@code repo} must hold. */
  static Set<String> expectedPaths(FixtureRepository repo, String base, String hash) {
    Set<String> paths = new TreeSet<>();
    for (ExpectedCheckpoint cp : repo.checkpoints()) {
      String dir = cp.shardPath();
      paths.add(dir.substring(0, 2));
      paths.add(dir);
      paths.add(dir + "/metadata.json");
      for (ExpectedSession s : cp.sessions()) {
        String slot = dir + "/" + s.index();
        paths.add(slot);
        paths.add(slot + "/metadata.json");
        if (!s.prompts().isEmpty()) {
          paths.add(slot + "/prompt.txt");
        }
        if (s.hasTranscript()) {
          s.transcriptFiles().forEach(name -> paths.add(slot + "/" + name));
          assertThat(s.transcriptFiles().get(0)).isEqualTo(base);
          paths.add(slot + "/" + hash);
        }
      }
    }
    return paths;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, UTF_8);
  }
}
