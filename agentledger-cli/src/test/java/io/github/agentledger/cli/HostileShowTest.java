package io.github.agentledger.cli;

import static io.github.agentledger.cli.Plumbing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpoints show} on hostile stored data (issue 21, item 6), on v1 branches laid out
 * with {@code git} plumbing: terminal control sequences in any stored field are escaped in human
 * output and kept exact in JSON; a checkpoint whose summary lists 200 000 sessions shows in time
 * and memory bounded by what is shown, not by how many sessions it holds.
 */
class HostileShowTest {
  static final String ID = "c0ffee000001";
  static final String PREFIX = "c0/ffee000001/";
  /** ESC sequences (OSC retitle, CSI clear, cursor moves), BEL, a C1 CSI, DEL, a bidi override. */
  static final String HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\u001b[1;1H\u009b31m\u007f\u202e";

  @BeforeAll
  static void git() {
    assumeTrue(GitCli.available(), "git is on the PATH");
  }

  @Test
  void controlCharactersInEveryShownFieldAreEscapedAndJsonStaysExact(@TempDir Path dir) {
    GitCli git = new GitCli(dir);
    git.run("init", "-q", "-b", "main");
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put(PREFIX + "metadata.json", utf8(summary(1, "strategy" + HOSTILE,
        "branch" + HOSTILE, "file" + HOSTILE)));
    // A transcript is opaque bytes: a raw ESC in it reaches the terminal unless escaped.
    String transcript = "{\"type\":\"user\",\"text\":\"line" + HOSTILE + "\"}";
    files.put(PREFIX + "0/metadata.json", utf8(session("s-0",
        "agent" + jsonEscaped(HOSTILE), "model" + jsonEscaped(HOSTILE))));
    files.put(PREFIX + "0/full.jsonl", utf8(transcript));
    files.put(PREFIX + "0/prompt.txt", utf8("prompt" + HOSTILE));
    commit(git, Plumbing.tree(git, files));

    Cli show = Cli.run("checkpoints", "show", ID, "--repo", dir.toString());

    assertThat(show.status()).as(show.out() + show.err()).isEqualTo(0);
    for (char c : new char[] {0x1b, 0x07, 0x9b, 0x7f, 0x202e}) {
      assertThat(show.out()).as("character U+%04X", (int) c).doesNotContain(String.valueOf(c));
    }
    assertThat(show.out()).contains("agent\\e]0;pwned\\x07\\e[2J\\e[1;1H\\x9b31m\\x7f\\u202e")
        .contains("model\\e]0;pwned").contains("prompt\\e]0;pwned").contains("strategy\\e]0;")
        .contains("branch\\e]0;").contains("file\\e]0;").contains("line\\e]0;pwned");
    Cli json = Cli.run("checkpoints", "show", ID, "--json", "--repo", dir.toString());
    JsonObject layout = json.json().getAsJsonArray("layouts").get(0).getAsJsonObject();
    JsonObject session = layout.getAsJsonArray("sessions").get(0).getAsJsonObject();
    assertThat(session.get("agent").getAsString()).isEqualTo("agent" + HOSTILE);
    assertThat(session.getAsJsonArray("prompts").get(0).getAsString())
        .isEqualTo("prompt" + HOSTILE);
    assertThat(layout.getAsJsonObject("summary").get("branch").getAsString())
        .isEqualTo("branch" + HOSTILE);
  }

  @Test
  void aSummaryOf200000SessionsShowsInBoundedTimeAndMemory(@TempDir Path dir) {
    int sessions = 200_000;
    GitCli git = new GitCli(dir);
    git.run("init", "-q", "-b", "main");
    // Every slot directory is the same tree object (same files): the checkpoint tree names it
    // 200 000 times, as git stores identical directories once.
    SortedMap<String, byte[]> slot = new TreeMap<>();
    slot.put("metadata.json", utf8(session("s-all", "agent", "model")));
    slot.put("full.jsonl", utf8("{\"type\":\"user\",\"text\":\"hello\"}"));
    slot.put("prompt.txt", utf8("hello"));
    String slotTree = Plumbing.tree(git, slot);
    String summaryBlob = git.run(utf8(summary(sessions, "manual-commit", "main", "src/a.go")),
        "hash-object", "-w", "--stdin");
    StringBuilder listing = new StringBuilder("100644 blob " + summaryBlob + "\tmetadata.json\n");
    for (int i = 0; i < sessions; i++) {
      listing.append("040000 tree ").append(slotTree).append('\t').append(i).append('\n');
    }
    String checkpoint = git.run(utf8(listing.toString()), "mktree");
    String shard = git.run(utf8("040000 tree " + checkpoint + "\tffee000001\n"), "mktree");
    commit(git, git.run(utf8("040000 tree " + shard + "\tc0\n"), "mktree"));

    long allocated = allocatedBytes();
    long start = System.nanoTime();
    Cli json = Cli.run("checkpoints", "show", ID, "--json", "--repo", dir.toString());
    long millis = (System.nanoTime() - start) / 1_000_000;
    long megabytes = (allocatedBytes() - allocated) / (1024 * 1024);

    assertThat(json.status()).as(json.err()).isEqualTo(0);
    JsonObject layout = json.json().getAsJsonArray("layouts").get(0).getAsJsonObject();
    assertThat(layout.getAsJsonObject("summary").get("session_count").getAsInt())
        .isEqualTo(sessions);
    assertThat(layout.getAsJsonArray("sessions")).hasSize(20);
    assertThat(layout.get("sessions_not_shown").getAsInt()).isEqualTo(sessions - 20);
    System.out.printf("show of a 200 000-session checkpoint: %d ms, %d MiB allocated%n", millis,
        megabytes);
    // Generous bounds for a loaded 2-core machine (measured there: 4.6 s, 11 MiB allocated in
    // all; before the summary head was streamed, 42 s and 2.2 GiB). The summary (~36 MB) and
    // the checkpoint tree (~6.6 MB, read once for the head and once per session shown) are
    // streamed, never held; each shown session flattens only its own slot.
    assertThat(millis).as("milliseconds").isLessThan(60_000);
    assertThat(megabytes).as("MiB allocated").isLessThan(64);
    Cli human = Cli.run("checkpoints", "show", ID, "--sessions", "2", "--repo", dir.toString());
    assertThat(human.out()).contains("199998 more sessions not shown");
  }

  private static void commit(GitCli git, String tree) {
    String tip = git.run(utf8("Checkpoint: " + ID + "\n"), "commit-tree", tree);
    git.run("update-ref", "refs/heads/entire/checkpoints/v1", tip);
  }

  private static String summary(int sessions, String strategy, String branch, String file) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < sessions; i++) {
      String p = "/" + PREFIX + i + "/";
      list.append(i == 0 ? "" : ",\n").append("    {\n      \"metadata\": \"").append(p)
          .append("metadata.json\",\n      \"transcript\": \"").append(p)
          .append("full.jsonl\",\n      \"content_hash\": \"").append(p)
          .append("content_hash.txt\",\n      \"prompt\": \"").append(p)
          .append("prompt.txt\"\n    }");
    }
    return "{\n  \"cli_version\": \"0.10.2\",\n  \"checkpoint_id\": \"" + ID + "\",\n"
        + "  \"strategy\": \"" + jsonEscaped(strategy) + "\",\n"
        + "  \"branch\": \"" + jsonEscaped(branch) + "\",\n"
        + "  \"checkpoints_count\": 1,\n"
        + "  \"files_touched\": [\n    \"" + jsonEscaped(file) + "\"\n  ],\n"
        + "  \"sessions\": [\n" + list + "\n  ]\n}\n";
  }

  private static String session(String sessionId, String agent, String model) {
    return "{\n  \"cli_version\": \"0.10.2\",\n  \"checkpoint_id\": \"" + ID + "\",\n"
        + "  \"session_id\": \"" + sessionId + "\",\n"
        + "  \"strategy\": \"manual-commit\",\n"
        + "  \"created_at\": \"2026-03-01T09:00:00Z\",\n"
        + "  \"branch\": \"main\",\n  \"checkpoints_count\": 1,\n"
        + "  \"files_touched\": [],\n"
        + "  \"agent\": \"" + agent + "\",\n  \"model\": \"" + model + "\"\n}\n";
  }

  /** JSON-escapes the control characters (JSON forbids them raw in strings). */
  private static String jsonEscaped(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@return the bytes this thread allocated so far} Read reflectively: the tests compile inside
   * the named module, which does not read {@code jdk.management}; they run on the class path.
   */
  static long allocatedBytes() {
    try {
      Object threads = Class.forName("java.lang.management.ManagementFactory")
          .getMethod("getThreadMXBean").invoke(null);
      return (long) Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getThreadAllocatedBytes", long.class)
          .invoke(threads, Thread.currentThread().getId());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("thread allocation counters are not available", e);
    }
  }
}
