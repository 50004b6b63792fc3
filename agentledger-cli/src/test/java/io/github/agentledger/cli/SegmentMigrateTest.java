package io.github.agentledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TraceRecord;
import io.github.agentledger.segment.UserSegment;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.github.agentledger.segment.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segments migrate} over the library's migration tool, against a real PostgreSQL started
 * as segment-postgres's tests start it: JSONL to PostgreSQL and back gives the same files byte for
 * byte.
 */
class SegmentMigrateTest {
  @TempDir Path temp;

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  private final IdGenerator ids = IdGenerator.create(clock, new SplittableRandom(7));

  /** Two sessions: one with a fork and a trace, one with more entries than a copy batch. */
  private List<SessionId> fill(Path root) {
    JsonlSegmentStore store = JsonlSegmentStore.open(root, Durability.NONE);
    long ts = 1_700_000_000_000L;
    SessionId first = ids.newSessionId();
    SegmentId segment = ids.newSegmentId();
    store.create(first, segment, List.of(LogEntry.SegmentStart.fresh(ts, first,
        Optional.of("Be careful."), RequestConfig.defaults(), List.of())));
    store.append(first, segment, List.of(
        new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND),
        new LogEntry.UserInput(ts, List.of(new UserSegment.Text("Héllo \u001b[31m")), List.of()),
        new LogEntry.AssistantItem(ts, HistoryItem.Message.text(Role.ASSISTANT, "Hi.")),
        new LogEntry.TurnEnd(ts, 1)));
    store.appendTrace(first, segment, List.of(TraceRecord.of("{\"span\":1}")));
    SegmentLineage.over(store, ids, clock).fork(new SegmentRef(first, segment),
        ForkTarget.SAME_SESSION);
    SessionId second = ids.newSessionId();
    SegmentId longOne = ids.newSegmentId();
    store.create(second, longOne, List.of(LogEntry.SegmentStart.fresh(ts, second,
        Optional.empty(), RequestConfig.defaults(), List.of())));
    List<LogEntry> many = new ArrayList<>();
    for (int n = 0; n < 1_100; n++) {
      many.add(new LogEntry.AssistantItem(ts + n,
          HistoryItem.Message.text(Role.ASSISTANT, "line " + n)));
    }
    store.append(second, longOne, many);
    return List.of(first, second);
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : all.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        out.put(root.relativize(path).toString(), Files.readAllBytes(path));
      }
    }
    return out;
  }

  @Test
  void jsonlToPostgresAndBackIsByteEqual() throws IOException {
    Path source = temp.resolve("source");
    List<SessionId> sessions = fill(source);
    String postgres = "postgres:" + TestPostgres.shared().jdbcUrl();
    String schema = TestPostgres.newSchema();

    Cli there = Cli.run("segments", "migrate", "--from", "jsonl:" + source, "--to", postgres,
        "--schema", schema, "--json");
    assertThat(there.status()).as(there.err()).isEqualTo(0);
    JsonObject json = there.json();
    assertThat(json.get("all_byte_equal").getAsBoolean()).isTrue();
    assertThat(json.get("entries").getAsLong()).isEqualTo(1 + 4 + 1 + 1 + 1_100);
    assertThat(json.getAsJsonArray("sessions")).hasSize(2);
    assertThat(json.getAsJsonArray("sessions").get(0).getAsJsonObject().get("session")
        .getAsString()).isEqualTo(sessions.get(0).toString());
    assertThat(json.getAsJsonArray("sessions").get(0).getAsJsonObject().get("trace_records")
        .getAsLong()).isEqualTo(1);
    assertThat(json.get("to").getAsString()).contains("schema " + schema)
        .doesNotContain("?");
    assertThat(there.err()).contains("copied session " + sessions.get(0) + " (1/2)")
        .contains("(2/2)");

    Path back = temp.resolve("back");
    Cli home = Cli.run("segments", "migrate", "--from", postgres, "--to", "jsonl:" + back,
        "--schema", schema, "-q");
    assertThat(home.status()).as(home.err()).isEqualTo(0);
    assertThat(home.err()).isEmpty();
    assertThat(home.out()).contains("2 sessions copied").contains("every segment byte-equal");
    Map<String, byte[]> expected = files(source);
    Map<String, byte[]> actual = files(back);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
  }

  @Test
  void aSessionAlreadyInTheTargetIsAProblemAndIsNotCopiedAgain() throws IOException {
    Path source = temp.resolve("source");
    fill(source);
    Path target = temp.resolve("target");
    assertThat(Cli.run("segments", "migrate", "--from", "jsonl:" + source,
        "--to", "jsonl:" + target, "-q").status()).isEqualTo(0);
    Map<String, byte[]> before = files(target);

    Cli again = Cli.run("segments", "migrate", "--from", "jsonl:" + source,
        "--to", "jsonl:" + target, "-q");

    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");
    Map<String, byte[]> after = files(target);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((path, bytes) -> assertThat(after.get(path)).as(path).isEqualTo(bytes));
  }

  @Test
  void aStoreThatIsNotJsonlOrPostgresIsAUsageError() {
    Cli bad = Cli.run("segments", "migrate", "--from", "mysql:somewhere", "--to",
        "jsonl:" + temp.resolve("x"));
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("jsonl:DIR or postgres:JDBC_URL");
    assertThat(Files.exists(temp.resolve("x"))).isFalse();
  }

  @Test
  void aMissingSourceDirectoryIsAnIoError() {
    Cli missing = Cli.run("segments", "migrate", "--from", "jsonl:" + temp.resolve("nope"),
        "--to", "jsonl:" + temp.resolve("x"));
    assertThat(missing.status()).isEqualTo(3);
  }
}
