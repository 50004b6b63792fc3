package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointSummaryHead;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.InvalidCheckpointRequestException;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JGitCheckpointStore#readSummaryHead} (issue 21 item 6): on v1 branches laid out with
 * {@code git} plumbing, the head is exactly the head of {@code readSummary} for every slot shape
 * of real repositories, its cost follows what it returns (a summary of 200 000 sessions read in
 * bounded time and allocation, measured with the thread's allocation counter), and damaged
 * summaries stay typed corruption that changes nothing stored.
 */
class SummaryHeadTest {
  static final String ID = "c0ffee000001";
  static final String DIR = "c0/ffee000001/";
  static final String V1 = "refs/heads/entire/checkpoints/v1";

  @TempDir Path temp;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  private GitCli git() {
    try {
      java.nio.file.Files.createDirectories(temp.resolve("repo"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    GitCli git = GitCli.in(temp.resolve("repo"), temp.resolve("home"), TestRepos.T0);
    git.text("init", "-q", "-b", "main");
    return git;
  }

  static String session(int slot) {
    return "{\"metadata\":\"/" + DIR + slot + "/metadata.json\",\"transcript\":\"/" + DIR + slot
        + "/full.jsonl\",\"content_hash\":\"/" + DIR + slot + "/content_hash.txt\",\"prompt\":\"/"
        + DIR + slot + "/prompt.txt\"}";
  }

  static String summary(String sessions, String extra) {
    return "{\"cli_version\":\"0.4.2\",\"checkpoint_id\":\"" + ID + "\",\"strategy\":\"manual-commit\","
        + "\"branch\":\"main\",\"checkpoints_count\":3,\"files_touched\":[\"src/a.go\"],"
        + "\"sessions\":[" + sessions + "]" + extra + "}";
  }

  static String slotMetadata(String session) {
    return "{\"cli_version\":\"0.4.2\",\"checkpoint_id\":\"" + ID + "\",\"session_id\":\""
        + session + "\",\"strategy\":\"manual-commit\",\"created_at\":\"2026-03-01T09:00:00Z\","
        + "\"branch\":\"main\",\"checkpoints_count\":1,\"files_touched\":[],\"agent\":\"Claude Code\"}";
  }

  /** Commits a checkpoint of the given summary bytes and slot directories to the v1 branch. */
  private static void commit(GitCli git, byte[] summary, List<Integer> slots) {
    GitPlumbing plumbing = new GitPlumbing(git);
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put(DIR + "metadata.json", summary);
    for (int slot : slots) {
      files.put(DIR + slot + "/metadata.json", slotMetadata("s-" + slot).getBytes(UTF_8));
      files.put(DIR + slot + "/full.jsonl", ("{\"n\":" + slot + "}\n").getBytes(UTF_8));
      files.put(DIR + slot + "/prompt.txt", ("prompt " + slot).getBytes(UTF_8));
    }
    String tree = plumbing.tree(files);
    plumbing.updateRef(V1, plumbing.commit(TestRepos.T0, tree, List.of(), "Checkpoint: " + ID + "\n"));
  }

  private <T> T withStore(Path repo, java.util.function.Function<JGitCheckpointStore, T> read) {
    try (Repository repository = TestRepos.openOnDisk(repo)) {
      return read.apply(TestRepos.store(repository).layout(CheckpointLayout.V1).build());
    }
  }

  private Path repo() {
    return temp.resolve("repo");
  }

  /** Every shape of slots met in real repositories (spec §14), and every head size. */
  @ParameterizedTest
  @ValueSource(strings = {"dense", "sparse", "unlisted", "reversed", "listedWithoutDirectory",
      "noSessionsKey"})
  void theHeadIsExactlyTheHeadOfTheWholeSummary(String shape) {
    GitCli git = git();
    List<Integer> slots = switch (shape) {
      case "sparse" -> List.of(0, 2, 3, 11);
      case "listedWithoutDirectory" -> List.of(0, 2);
      default -> List.of(0, 1, 2, 3, 4);
    };
    String listed = switch (shape) {
      case "dense" -> String.join(",", session(0), session(1), session(2), session(3),
          session(4));
      case "sparse" -> String.join(",", session(0), session(2), session(3), session(11));
      case "unlisted" -> session(0); // "Merge remote session logs": 1 listed, 5 directories
      case "reversed" -> String.join(",", session(4), session(3), session(2), session(1),
          session(0));
      case "listedWithoutDirectory" -> String.join(",", session(0), session(1), session(2));
      default -> "";
    };
    String text = shape.equals("noSessionsKey")
        ? summary("", "").replace(",\"sessions\":[]", "") : summary(listed, "");
    commit(git, text.getBytes(UTF_8), slots);

    CheckpointId id = CheckpointId.parse(ID);
    CheckpointSummary whole = withStore(repo(), store -> store.readSummary(id).orElseThrow());
    assertThat(whole.sessions()).hasSize(slots.size());
    for (int max = 0; max <= slots.size() + 1; max++) {
      int n = max;
      // A fresh store each time: the head must not come from what a whole read left behind.
      CheckpointSummaryHead head = withStore(repo(),
          store -> store.readSummaryHead(id, n).orElseThrow());
      assertThat(head).as("head of %d", n).isEqualTo(CheckpointSummaryHead.of(whole, n));
      assertThat(head.sessionCount()).isEqualTo(slots.size());
    }
    // After a listing, the head comes from what the listing parsed, and is the same.
    withStore(repo(), store -> {
      store.list();
      assertThat(store.readSummaryHead(id, 2)).contains(CheckpointSummaryHead.of(whole, 2));
      return null;
    });
  }

  @ParameterizedTest
  @EnumSource(names = {"V1", "V2", "DUAL_WRITE", "GIT_REFS"})
  void everyLayoutAnswersTheHeadOfItsSummary(CheckpointLayout layout) {
    try (Repository repository = TestRepos.onDisk(temp.resolve("w"))) {
      JGitCheckpointStore store = TestRepos.store(repository).layout(layout).build();
      CheckpointId id = store.newCheckpointId();
      for (int i = 0; i < 3; i++) {
        store.write(WriteRequest.builder(id, AgentSessionId.of("s-" + i)).branch("main")
            .transcript(Transcript.ofUtf8("{\"n\":" + i + "}\n")).build());
      }
      JGitCheckpointStore fresh = TestRepos.store(repository).layout(layout).build();
      CheckpointSummaryHead head = fresh.readSummaryHead(id, 2).orElseThrow();
      assertThat(head).isEqualTo(CheckpointSummaryHead.of(store.readSummary(id).orElseThrow(), 2));
      assertThat(head.sessionsNotHeld()).isEqualTo(1);
      assertThat(fresh.readSummaryHead(store.newCheckpointId(), 2)).isEmpty();
      assertThatThrownBy(() -> fresh.readSummaryHead(id, -1))
          .isInstanceOf(InvalidCheckpointRequestException.class).hasMessageContaining("maxSessions");
    }
  }

  @Test
  void aHeadOf200000SessionsCostsWhatItReturnsNotWhatIsStored() {
    int sessions = 200_000;
    GitCli git = git();
    GitPlumbing plumbing = new GitPlumbing(git);
    SortedMap<String, byte[]> slot = new TreeMap<>();
    slot.put("metadata.json", slotMetadata("s-all").getBytes(UTF_8));
    slot.put("full.jsonl", "{\"n\":1}\n".getBytes(UTF_8));
    slot.put("prompt.txt", "hello".getBytes(UTF_8));
    String slotTree = plumbing.tree(slot);
    StringBuilder listed = new StringBuilder();
    for (int i = 0; i < sessions; i++) {
      listed.append(i == 0 ? "" : ",").append(session(i));
    }
    byte[] summary = summary(listed.toString(), ",\"has_review\":true").getBytes(UTF_8);
    assertThat(summary.length).isGreaterThan(30_000_000);
    StringBuilder entries = new StringBuilder("100644 blob " + plumbing.blob(summary)
        + "\tmetadata.json\n");
    for (int i = 0; i < sessions; i++) {
      entries.append("040000 tree ").append(slotTree).append('\t').append(i).append('\n');
    }
    String checkpoint = git.textWithInput(entries.toString().getBytes(UTF_8), "mktree");
    String shard = git.textWithInput(("040000 tree " + checkpoint + "\tffee000001\n")
        .getBytes(UTF_8), "mktree");
    String root = git.textWithInput(("040000 tree " + shard + "\tc0\n").getBytes(UTF_8),
        "mktree");
    plumbing.updateRef(V1, plumbing.commit(TestRepos.T0, root, List.of(), "Checkpoint: " + ID
        + "\n"));
    CheckpointId id = CheckpointId.parse(ID);

    withStore(repo(), store -> {
      Measured<CheckpointSummaryHead> head = measure(() -> store.readSummaryHead(id, 20)
          .orElseThrow());
      assertThat(head.value().sessionCount()).isEqualTo(sessions);
      assertThat(head.value().summary().sessions()).extracting(SessionPaths::slot)
          .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
      assertThat(head.value().summary().sessions().get(7).prompt())
          .isEqualTo("/" + DIR + "7/prompt.txt");
      assertThat(head.value().summary().hasReview()).isTrue();
      assertThat(head.value().summary().filesTouched()).containsExactly("src/a.go");
      Measured<String> one = measure(() -> store.readSession(id, 123_456).orElseThrow()
          .metadata().sessionId().toString());
      assertThat(one.value()).isEqualTo("s-all");
      Measured<String> latest = measure(() -> store.readLatestSession(id).orElseThrow()
          .metadata().sessionId().toString());
      assertThat(latest.value()).isEqualTo("s-all");
      System.out.printf("200 000-session checkpoint: head of 20 %d ms %d KiB; one session"
          + " %d ms %d KiB; latest %d ms %d KiB%n", head.millis(), head.bytes() / 1024,
          one.millis(), one.bytes() / 1024, latest.millis(), latest.bytes() / 1024);
      // The summary is ~36 MB and the checkpoint tree ~6.6 MB: both are streamed, never held.
      // Bounds generous for a loaded 2-core machine (measured there: ~1 s, ~3 MiB each).
      assertThat(head.bytes()).as("bytes allocated by the head read").isLessThan(64L << 20);
      assertThat(one.bytes()).as("bytes allocated by one session read").isLessThan(32L << 20);
      assertThat(latest.bytes()).as("bytes allocated by the latest read").isLessThan(32L << 20);
      assertThat(head.millis()).isLessThan(60_000);
      assertThat(one.millis()).isLessThan(60_000);
      return null;
    });
  }

  /** Damage anywhere in the file is typed corruption, also in a session entry not returned. */
  @ParameterizedTest
  @ValueSource(strings = {"utf8InSkippedEntry", "duplicateTopLevelKey", "duplicateKeyInShownEntry",
      "tooDeepInSkippedEntry", "negativeCounter", "trailingData", "notAnObject", "truncated",
      "skippedEntryNotAnObject", "sessionsNotAnArray", "duplicateSessionsKey"})
  void damageIsTypedCorruptionAndChangesNothing(String damage) {
    GitCli git = git();
    String two = session(0) + "," + session(1) + "," + session(2);
    String good = summary(two, "");
    byte[] bytes = switch (damage) {
      case "utf8InSkippedEntry" -> {
        byte[] b = summary(session(0) + "," + session(1) + ",{\"metadata\":\"/x/\u00e9\"}", "")
            .getBytes(UTF_8);
        for (int i = 0; i < b.length; i++) {
          if (b[i] == (byte) 0xA9) {
            b[i] = 'A'; // the lead byte 0xC3 followed by an ASCII letter: not UTF-8
          }
        }
        yield b;
      }
      case "duplicateTopLevelKey" -> good.replace("\"branch\":\"main\",",
          "\"branch\":\"main\",\"branch\":\"x\",").getBytes(UTF_8);
      case "duplicateKeyInShownEntry" -> good.replaceFirst("\"prompt\":",
          "\"prompt\":\"a\",\"prompt\":").getBytes(UTF_8);
      case "tooDeepInSkippedEntry" -> summary(two + ",{\"x\":" + "[".repeat(100)
          + "]".repeat(100) + "}", "").getBytes(UTF_8);
      case "negativeCounter" -> summary(two, ",\"token_usage\":{\"input_tokens\":-5}")
          .getBytes(UTF_8);
      case "trailingData" -> (good + "{}").getBytes(UTF_8);
      case "notAnObject" -> "[1,2]".getBytes(UTF_8);
      case "truncated" -> good.substring(0, good.length() - 40).getBytes(UTF_8);
      case "skippedEntryNotAnObject" -> summary(two + ",7", "").getBytes(UTF_8);
      case "sessionsNotAnArray" -> good.replace("\"sessions\":[" + two + "]",
          "\"sessions\":{}").getBytes(UTF_8);
      case "duplicateSessionsKey" -> summary(two, ",\"sessions\":[]").getBytes(UTF_8);
      default -> throw new IllegalArgumentException(damage);
    };
    commit(git, bytes, List.of(0, 1, 2));
    String before = git.text("for-each-ref", "--format=%(refname) %(objectname)");
    CheckpointId id = CheckpointId.parse(ID);

    withStore(repo(), store -> {
      assertThatThrownBy(() -> store.readSummaryHead(id, 1))
          .isInstanceOf(CorruptCheckpointException.class)
          .hasMessageContaining(ID).hasMessageContaining("metadata.json");
      // The whole read agrees that the file is damaged.
      assertThatThrownBy(() -> store.readSummary(id))
          .isInstanceOf(CorruptCheckpointException.class);
      return null;
    });
    assertThat(git.text("for-each-ref", "--format=%(refname) %(objectname)")).isEqualTo(before);
  }

  record Measured<T>(T value, long millis, long bytes) {}

  private static <T> Measured<T> measure(Supplier<T> read) {
    long allocated = HostileReadsTest.allocatedBytes();
    long start = System.nanoTime();
    T value = read.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Measured<>(value, millis, HostileReadsTest.allocatedBytes() - allocated);
  }
}
