package io.github.agentledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.SegmentLineage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON output of every command against the shapes documented in {@code docs/cli.md}: the
 * test reads the schema lines from the document, so the document and the output cannot drift.
 */
class JsonSchemaTest {
  @Test
  void everyCommandPrintsTheDocumentedShape(@TempDir Path dir) throws Exception {
    assumeTrue(GitCli.available(), "git is on the PATH");
    Map<String, Field> schema = schema();
    Path repo = dir.resolve("repo");
    String commit = LibraryRepository.write(repo, CheckpointLayout.DUAL_WRITE,
        CheckpointCommandsTest.IDS, "agent", 2);
    String r = repo.toString();
    check(schema, "checkpoints list", Cli.run("checkpoints", "list", "--json", "--repo", r));
    check(schema, "checkpoints show", Cli.run("checkpoints", "show", "bb", "--json", "--repo", r));
    check(schema, "checkpoints explain",
        Cli.run("checkpoints", "explain", commit, "--json", "--repo", r));
    check(schema, "checkpoints generations",
        Cli.run("checkpoints", "generations", "--json", "--repo", r));
    new GitCli(repo).run("update-ref", "refs/entire/checkpoints/v2/full/7", "HEAD");
    check(schema, "checkpoints verify",
        Cli.run("checkpoints", "verify", "--json", "--fix", "--repo", r));

    Path gitRefs = dir.resolve("git-refs");
    EntireGitRefsFixture.write(gitRefs, true);
    check(schema, "checkpoints list",
        Cli.run("checkpoints", "list", "--json", "--repo", gitRefs.toString()));
    check(schema, "checkpoints show", Cli.run("checkpoints", "show", EntireGitRefsFixture.ULID,
        "--json", "--repo", gitRefs.toString()));

    Path remote = Files.createDirectory(dir.resolve("remote.git"));
    new GitCli(remote).run("init", "-q", "--bare");
    new GitCli(repo).run("remote", "add", "origin", remote.toString());
    check(schema, "sync push", Cli.run("sync", "push", "--json", "-q", "--repo", r));
    check(schema, "sync status", Cli.run("sync", "status", "--json", "-q", "--repo", r));

    Path root = dir.resolve("segments");
    JsonlSegmentStore store = JsonlSegmentStore.open(root, Durability.NONE);
    IdGenerator ids = IdGenerator.system();
    SessionId session = ids.newSessionId();
    SegmentId segment = ids.newSegmentId();
    store.create(session, segment, List.of(LogEntry.SegmentStart.fresh(1L, session,
        Optional.of("system"), RequestConfig.defaults(), List.of())));
    store.append(session, segment, List.of(new LogEntry.AssistantItem(1L,
        HistoryItem.Message.text(Role.ASSISTANT, "hello")), new LogEntry.TurnEnd(1L, 1)));
    SegmentLineage.over(store, ids, Clock.systemUTC())
        .fork(new SegmentRef(session, segment), ForkTarget.SAME_SESSION);
    String s = root.toString();
    check(schema, "segments list", Cli.run("segments", "list", "--json", "--root", s));
    check(schema, "segments show", Cli.run("segments", "show", session.toString(), "--json",
        "--root", s));
    Path file = root.resolve(session.toString()).resolve(segment + ".jsonl");
    Files.writeString(file, Files.readString(file) + "{broken\n{}\n");
    check(schema, "segments verify", Cli.run("segments", "verify", "--json", "--root", s));
    Files.writeString(file, Files.readString(file).replace("{broken\n{}\n", ""));
    check(schema, "segments migrate", Cli.run("segments", "migrate", "--from", "jsonl:" + s,
        "--to", "jsonl:" + dir.resolve("migrated"), "--json", "-q"));
  }

  private static void check(Map<String, Field> schema, String command, Cli run) {
    assertThat(run.out()).as(command + ": " + run.err()).isNotBlank();
    assertThat(schema).containsKey(command);
    List<String> seen = new ArrayList<>();
    matches(schema.get(command), run.json(), command, seen);
  }

  /** A documented field: its key, whether it may be null, and its children when it has some. */
  record Field(String key, boolean nullable, boolean array, List<Field> children) {}

  private static void matches(Field field, JsonElement value, String where, List<String> seen) {
    if (value.isJsonNull()) {
      assertThat(field.nullable()).as(where + " is null but not documented as '?'").isTrue();
      return;
    }
    if (field.array()) {
      assertThat(value.isJsonArray()).as(where + " is an array").isTrue();
      if (!field.children().isEmpty()) {
        for (JsonElement item : value.getAsJsonArray()) {
          object(field, item.getAsJsonObject(), where + "[]", seen);
        }
      }
      return;
    }
    if (!field.children().isEmpty()) {
      object(field, value.getAsJsonObject(), where, seen);
    } else {
      assertThat(value.isJsonPrimitive()).as(where + " is a scalar").isTrue();
    }
  }

  private static void object(Field field, JsonObject object, String where, List<String> seen) {
    List<String> documented = field.children().stream().map(Field::key).toList();
    List<String> actual = new ArrayList<>(object.keySet());
    if (object.has("readable") && !object.get("readable").getAsBoolean()) {
      // An unreadable session row: only slot and readable (docs/cli.md).
      assertThat(documented).startsWith(actual.toArray(String[]::new));
    } else if (documented.equals(List.of("type"))) {
      // History items: type first, then the fields of that type.
      assertThat(actual).first().isEqualTo("type");
      return;
    } else {
      assertThat(actual).as(where).containsExactlyElementsOf(documented);
    }
    for (Field child : field.children()) {
      if (object.has(child.key())) {
        matches(child, object.get(child.key()), where + "." + child.key(), seen);
      }
    }
  }

  /** Reads the schema lines of docs/cli.md. */
  static Map<String, Field> schema() throws Exception {
    Path doc = Path.of("..", "docs", "cli.md");
    List<String> lines = Files.readAllLines(doc);
    int start = lines.indexOf("<!-- schema: the lines below are read by the schema test -->");
    assertThat(start).as("schema marker in docs/cli.md").isPositive();
    Map<String, Field> schema = new LinkedHashMap<>();
    for (String line : lines.subList(start + 2, lines.size())) {
      if (line.equals("```")) {
        break;
      }
      int colon = line.indexOf(": ");
      String name = line.substring(0, colon);
      int[] at = {0};
      schema.put(name, new Field(name, false, false, fields(line.substring(colon + 2), at)));
    }
    return schema;
  }

  /** Parses {@code key?[child, …]} / {@code key{…}} lists up to the closing bracket. */
  private static List<Field> fields(String text, int[] at) {
    List<Field> fields = new ArrayList<>();
    while (true) {
      while (at[0] < text.length() && text.charAt(at[0]) == ' ') {
        at[0]++;
      }
      if (at[0] >= text.length() || "]}".indexOf(text.charAt(at[0])) >= 0) {
        return fields;
      }
      int begin = at[0];
      while (at[0] < text.length() && "?[]{},".indexOf(text.charAt(at[0])) < 0) {
        at[0]++;
      }
      String key = text.substring(begin, at[0]).trim();
      boolean nullable = at[0] < text.length() && text.charAt(at[0]) == '?';
      if (nullable) {
        at[0]++;
      }
      boolean array = false;
      List<Field> children = List.of();
      if (at[0] < text.length() && "[{".indexOf(text.charAt(at[0])) >= 0) {
        array = text.charAt(at[0]) == '[';
        at[0]++;
        children = fields(text, at);
        at[0]++;
      }
      fields.add(new Field(key, nullable, array, children));
      if (at[0] < text.length() && text.charAt(at[0]) == ',') {
        at[0]++;
      }
    }
  }
}
