package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.agentledger.checkpoint.CheckpointId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round-trip fidelity (issue 13 item 3, spec §14): for each key and shape the library does not
 * model, read, then write another session, and the untouched parts are byte-identical to before:
 * every other session's files keep their blob ids, and in the rewritten summary every key the
 * write does not own keeps its value, its exact text and its position.
 */
class RoundTripFidelityTest {
  static final String ID = "5e551015abcd";
  /** The summary keys a write re-aggregates; every other key must survive it untouched. */
  static final Set<String> OWNED = Set.of("checkpoints_count", "files_touched", "sessions",
      "token_usage", "strategy", "branch");

  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  record Shape(String name, UnaryOperator<EntireBranch.Checkpoint> shape) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Shape> shapes() {
    return List.of(
        new Shape("migration_source_commit", c -> c.summaryKey("migration_source_commit",
            "\"8d3c2a1b0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c\"")),
        new Shape("future key in the middle", c -> c.summaryKeyAfter("strategy",
            "future_object", "{\"z\": [3, 1.50, \"x\"], \"a\": null}")),
        new Shape("future number text", c -> c.summaryKey("ratio", "1.2500E+3")),
        new Shape("sessions[].context", c -> c.context(0).context(1)),
        new Shape("cli_version of another writer", c -> c.cliVersion("0.3.11-rc.2+build.7")),
        new Shape("created_at with offset", c -> c.createdAt(0, "2026-02-15T20:37:45+11:00")
            .createdAt(1, "2026-02-15T20:37:45.120+11:00")),
        new Shape("transcript_path and agents", c -> c.sessionKey(0, "transcript_path",
            "\"/Users/me/.claude/projects/x/s-0.jsonl\"").sessionKey(0, "agents",
            "[\"claude-code\", \"codex\"]")),
        new Shape("older key names", c -> c.legacyNames(0).legacyNames(1)),
        new Shape("unknown session key", c -> c.sessionKey(1, "skill_events",
            "[{\"k\": \"v\"}]").sessionKey(1, "save_step_count", "3")));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void aWriteOfAnotherSessionKeepsWhatItDoesNotOwn(Shape shape) {
    EntireBranch branch = EntireBranch.v1(temp);
    shape.shape().apply(branch.checkpoint(ID).slots(0, 1)).commit();
    Map<String, String> before = branch.blobs();
    String summaryBefore = branch.text(branch.ref(), "5e/551015abcd/metadata.json");

    try (Repository repository = branch.open()) {
      TestRepos.store(repository).cliVersion("9.9.9").build()
          .write(RealSlotsTest.request(ID, "newcomer").build());
    }

    RealSlotsTest.assertOtherSlotsUnchanged(before, branch.blobs(), Map.of(ID, 2));
    String summaryAfter = branch.text(branch.ref(), "5e/551015abcd/metadata.json");
    assertThat(unowned(summaryAfter)).isEqualTo(unowned(summaryBefore));
    assertThat(keyOrder(summaryAfter)).containsSubsequence(keyOrder(summaryBefore));
    List<String> sessionsBefore = sessionEntries(summaryBefore);
    List<String> sessionsAfter = sessionEntries(summaryAfter);
    assertThat(sessionsAfter.subList(0, sessionsBefore.size())).isEqualTo(sessionsBefore);
  }

  /** The text of every top-level key the write does not own, in order: "key": value lines. */
  static List<String> unowned(String json) {
    List<String> out = new ArrayList<>();
    JsonObject object = JsonParser.parseString(json).getAsJsonObject();
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      if (!OWNED.contains(entry.getKey())) {
        out.add(rawValue(json, entry.getKey()));
      }
    }
    return out;
  }

  /** The exact text of a top-level key's value as stored (2-space indented Go output). */
  static String rawValue(String json, String key) {
    String marker = "\n  \"" + key + "\": ";
    int start = json.indexOf(marker);
    assertThat(start).as("key " + key).isGreaterThanOrEqualTo(0);
    int end = json.indexOf("\n  \"", start + marker.length());
    if (end < 0) {
      end = json.lastIndexOf("\n}");
    }
    String value = json.substring(start + 1, end);
    return value.endsWith(",") ? value.substring(0, value.length() - 1) : value;
  }

  static List<String> keyOrder(String json) {
    return new ArrayList<>(JsonParser.parseString(json).getAsJsonObject().keySet());
  }

  static List<String> sessionEntries(String json) {
    List<String> out = new ArrayList<>();
    JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("sessions")
        .forEach(e -> out.add(e.toString()));
    return out;
  }

  static CheckpointId id() {
    return CheckpointId.parse(ID);
  }
}
