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
import io.github.agentledger.segment.UserSegment;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCommandsTest {
  @TempDir
  Path root;
  SessionId session;
  SegmentId first;
  SegmentRef fork;

  @BeforeEach
  void conversation() {
    JsonlSegmentStore store = JsonlSegmentStore.open(root, Durability.NONE);
    IdGenerator ids = IdGenerator.system();
    session = ids.newSessionId();
    first = ids.newSegmentId();
    long ts = 1_700_000_000_000L;
    store.create(session, first, List.of(LogEntry.SegmentStart.fresh(ts, session,
        Optional.of("Be careful."), RequestConfig.defaults(), List.of())));
    store.append(session, first, List.of(
        new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND),
        new LogEntry.UserInput(ts, List.of(new UserSegment.Text("Hello ``` \u001b[31m")),
            List.of()),
        new LogEntry.AssistantItem(ts, HistoryItem.Message.text(Role.ASSISTANT, "Hi there.")),
        new LogEntry.TurnEnd(ts, 1)));
    SegmentHead head = SegmentLineage.over(store, ids, Clock.systemUTC())
        .fork(new SegmentRef(session, first), ForkTarget.SAME_SESSION);
    fork = head.segment();
  }

  @Test
  void listShowsSessionsAndTheLineageTree() {
    Cli list = Cli.run("segments", "list", "--json", "--root", root.toString());
    assertThat(list.status()).isEqualTo(0);
    JsonObject sessionRow = list.json().getAsJsonArray("sessions").get(0).getAsJsonObject();
    assertThat(sessionRow.get("id").getAsString()).isEqualTo(session.toString());
    assertThat(sessionRow.getAsJsonArray("segments")).hasSize(2);
    JsonObject forked = null;
    for (var row : sessionRow.getAsJsonArray("segments")) {
      if (row.getAsJsonObject().get("id").getAsString().equals(fork.segmentId().toString())) {
        forked = row.getAsJsonObject();
      }
    }
    assertThat(forked).isNotNull();
    assertThat(forked.getAsJsonObject("derived_from").get("segment").getAsString())
        .isEqualTo(first.toString());
    Cli human = Cli.run("segments", "list", "--root", root.toString());
    assertThat(human.out()).contains("  " + first + "  5 entries\n  └ " + fork.segmentId()).contains("fork of " + first);
  }

  @Test
  void showReplaysTheActiveLeafAndEscapesControlCharacters() {
    Cli show = Cli.run("segments", "show", session.toString(), "--root", root.toString());
    assertThat(show.status()).isEqualTo(0);
    assertThat(show.out()).contains("segment " + fork.segmentId())
        .contains("forked from " + first).contains("assistant: Hi there.")
        .contains("\\e[31m").doesNotContain("\u001b");
    Cli json = Cli.run("segments", "show", session.toString(), first.toString(), "--json",
        "--root", root.toString());
    assertThat(json.json().get("turns").getAsLong()).isEqualTo(1);
    assertThat(json.json().get("system_prompt").getAsString()).isEqualTo("Be careful.");
    assertThat(Cli.run("segments", "show", "not-a-session", "--root", root.toString()).status())
        .isEqualTo(2);
  }

  @Test
  void exportGivesTheStoredJsonlOrMarkdown(@TempDir Path out) throws Exception {
    Path file = root.resolve(session.toString()).resolve(first + ".jsonl");
    Cli jsonl = Cli.run("segments", "export", session.toString(), first.toString(),
        "--root", root.toString());
    assertThat(jsonl.status()).isEqualTo(0);
    assertThat(jsonl.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(Files.readAllBytes(file));
    Path md = out.resolve("chat.md");
    Cli markdown = Cli.run("segments", "export", session.toString(), first.toString(),
        "--format", "MARKDOWN", "-o", md.toString(), "--root", root.toString());
    assertThat(markdown.status()).isEqualTo(0);
    assertThat(Files.readString(md)).contains("## System").contains("## User")
        .contains("````\nHello ``` \u001b[31m\n````").contains("## Assistant");
  }

  @Test
  void verifyReportsTheCorruptLineWithItsByteOffset() throws Exception {
    assertThat(Cli.run("segments", "verify", "--root", root.toString()).status()).isEqualTo(0);
    Path file = root.resolve(session.toString()).resolve(first + ".jsonl");
    List<String> lines = Files.readAllLines(file);
    long offset = 0;
    for (int i = 0; i < 2; i++) {
      offset += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
    }
    lines.set(2, "{not json");
    Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    Cli verify = Cli.run("segments", "verify", "--json", "--root", root.toString());
    assertThat(verify.status()).isEqualTo(1);
    JsonObject problem = verify.json().getAsJsonArray("problems").get(0).getAsJsonObject();
    assertThat(problem.get("file").getAsString()).endsWith(first + ".jsonl");
    assertThat(problem.get("line").getAsLong()).isEqualTo(3);
    assertThat(problem.get("byte_offset").getAsLong()).isEqualTo(offset);
    assertThat(Cli.run("segments", "list", "--root", root.resolve("absent").toString()).status())
        .isEqualTo(3);
  }

  @Test
  void verifyReportsEveryCorruptLineNotOnlyTheFirst() throws Exception {
    Path file = root.resolve(session.toString()).resolve(first + ".jsonl");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    String start = lines.get(0);
    lines.set(1, "{not json");
    lines.set(3, "[1,2]");
    lines.add(start);
    Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    long[] offsets = new long[lines.size()];
    for (int i = 1; i < lines.size(); i++) {
      offsets[i] = offsets[i - 1] + lines.get(i - 1).getBytes(StandardCharsets.UTF_8).length + 1;
    }

    Cli verify = Cli.run("segments", "verify", "--json", "-q", "--root", root.toString());

    assertThat(verify.status()).isEqualTo(1);
    JsonObject json = verify.json();
    assertThat(json.get("problems_found").getAsLong()).isEqualTo(3);
    List<JsonObject> problems = new java.util.ArrayList<>();
    json.getAsJsonArray("problems").forEach(p -> problems.add(p.getAsJsonObject()));
    assertThat(problems).extracting(p -> p.get("line").getAsLong()).containsExactly(2L, 4L,
        (long) lines.size());
    assertThat(problems).extracting(p -> p.get("byte_offset").getAsLong())
        .containsExactly(offsets[1], offsets[3], offsets[lines.size() - 1]);
    assertThat(problems.get(2).get("reason").getAsString()).contains("second segment_start");
    assertThat(problems).allSatisfy(p -> assertThat(p.get("file").getAsString())
        .endsWith(first + ".jsonl"));
  }

  @Test
  void verifyListsAtMostMaxProblemsButCountsThemAll() throws Exception {
    Path file = root.resolve(session.toString()).resolve(first + ".jsonl");
    StringBuilder garbage = new StringBuilder(Files.readString(file));
    for (int i = 0; i < 250; i++) {
      garbage.append("{broken ").append(i).append('\n');
    }
    garbage.append("{torn tail without newline");
    Files.writeString(file, garbage);

    Cli json = Cli.run("segments", "verify", "--json", "-q", "--root", root.toString());
    assertThat(json.status()).isEqualTo(1);
    assertThat(json.json().get("problems_found").getAsLong()).isEqualTo(250);
    assertThat(json.json().getAsJsonArray("problems")).hasSize(100);

    Cli human = Cli.run("segments", "verify", "--max-problems", "3", "--root", root.toString());
    assertThat(human.status()).isEqualTo(1);
    assertThat(human.out().lines().filter(l -> l.contains(".jsonl:"))).hasSize(3);
    assertThat(human.out()).contains("247 more not listed (--max-problems 3)")
        .contains("250 corrupt lines");
    assertThat(Cli.run("segments", "verify", "--max-problems", "-1", "--root", root.toString())
        .status()).isEqualTo(2);
  }
}
