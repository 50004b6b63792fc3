package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Repository;

/**
 * Lays out a checkpoint ref ({@code refs/heads/entire/checkpoints/v1} by default) as an arbitrary
 * Entire CLI version left it in a real repository (spec §14), with {@code git} plumbing only
 * ({@code hash-object -w}, {@code mktree}, {@code commit-tree}, {@code update-ref}), so that each
 * case of the issue is one line:
 *
 * <pre>{@code
 * branch.checkpoint(ID).slots(0, 2, 3).commit();                     // sparse slot directories
 * branch.checkpoint(ID).slots(0, 1, 2, 3, 4).listed(0).afterMerge().commit(); // 1 listed, 5 dirs
 * branch.checkpoint(ID).slots(0).summaryKey("migration_source_commit", "\"abc\"").commit();
 * branch.checkpoint(ID).slots(0).legacyNames(0).context(0).createdAt(0, "…+11:00").commit();
 * branch.dropTranscript(ID, 0);                                      // partial clone
 * branch.remoteTrackingOnly("origin");                               // fresh clone
 * }</pre>
 *
 * <p>Each slot {@code n} holds {@code metadata.json} (session {@code s-<n>} unless named, keys in
 * the Go struct order, plus any extra keys given), {@code full.jsonl} (three lines unique to the
 * checkpoint and slot), {@code content_hash.txt}, {@code prompt.txt} and, when asked,
 * {@code context.md}. The summary lists the chosen slots with their real directory paths. Not
 * thread-safe.
 */
final class EntireBranch {
  static final String V1 = "refs/heads/entire/checkpoints/v1";
  static final String V2_MAIN = "refs/entire/checkpoints/v2/main";
  static final Instant T0 = Instant.parse("2026-02-15T09:00:00Z");

  private final Path workTree;
  private final GitPlumbing git;
  private final String ref;
  private SortedMap<String, byte[]> tree = new TreeMap<>();
  private String tip = "";
  private Instant clock = T0;

  private EntireBranch(Path directory, String ref) {
    this.workTree = directory.resolve("repo");
    this.ref = ref;
    try {
      Files.createDirectories(workTree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitCli cli = GitCli.in(workTree, directory.resolve("home"), T0);
    cli.text("init", "-q", "-b", "main");
    this.git = new GitPlumbing(cli);
  }

  /** A fresh repository in {@code directory/repo} whose v1 branch does not exist yet. */
  static EntireBranch v1(Path directory) {
    return new EntireBranch(directory, V1);
  }

  /** A fresh repository whose v2 {@code /main} ref (same tree shape, no raw transcripts) is built. */
  static EntireBranch v2Main(Path directory) {
    return new EntireBranch(directory, V2_MAIN);
  }

  /** {@return the ref this builder writes} */
  String ref() {
    return ref;
  }

  Path workTree() {
    return workTree;
  }

  Path gitDir() {
    return workTree.resolve(".git");
  }

  GitCli git() {
    return git.git();
  }

  /** {@return a JGit view of the repository; the caller closes it} */
  Repository open() {
    return TestRepos.openOnDisk(workTree);
  }

  /** {@return the commit the ref points at} */
  String tip() {
    return tip;
  }

  /** Starts describing a checkpoint; {@link Checkpoint#commit()} writes it. */
  Checkpoint checkpoint(String id) {
    return new Checkpoint(id);
  }

  /** {@return every file of the ref's tip, path to blob id ({@code git ls-tree -r})} */
  Map<String, String> blobs() {
    return blobs(ref);
  }

  /** {@return every file of {@code anyRef}'s tip, path to blob id} */
  Map<String, String> blobs(String anyRef) {
    Map<String, String> out = new TreeMap<>();
    String listing = git().text("ls-tree", "-r", "-z", "--full-tree", anyRef);
    for (String line : listing.split("\0")) {
      if (line.isEmpty()) {
        continue;
      }
      int tab = line.indexOf('\t');
      String[] meta = line.substring(0, tab).split(" ");
      out.put(line.substring(tab + 1), meta[2]);
    }
    return out;
  }

  /** {@return the bytes of {@code path} at {@code anyRef} ({@code git cat-file blob})} */
  String text(String anyRef, String path) {
    return git().text("cat-file", "blob", anyRef + ":" + path);
  }

  /**
   * Removes an object from the object database, as a partial clone or a pruned mirror lacks it.
   * Works on loose objects, which is how plumbing wrote them.
   */
  void deleteObject(String objectId) {
    Path file = gitDir().resolve("objects").resolve(objectId.substring(0, 2))
        .resolve(objectId.substring(2));
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete object " + objectId, e);
    }
  }

  /** Deletes the {@code full.jsonl} blob of a slot; the tree still names it. */
  String dropTranscript(String id, int slot) {
    String blob = blobs().get(shard(id) + "/" + slot + "/full.jsonl");
    deleteObject(blob);
    return blob;
  }

  /**
   * Leaves the ref only as its remote-tracking copy, as a fresh clone has it:
   * {@code refs/remotes/<remote>/entire/checkpoints/v1} (for v2 {@code /main}:
   * {@code refs/remotes/<remote>/entire/checkpoints/v2/main}).
   *
   * @return the remote-tracking ref name
   */
  String remoteTrackingOnly(String remote) {
    String tracking = remoteTracking(ref, remote);
    git.updateRef(tracking, tip);
    git.deleteRef(ref);
    return tracking;
  }

  static String remoteTracking(String ref, String remote) {
    String suffix = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length())
        : ref.substring("refs/".length());
    return "refs/remotes/" + remote + "/" + suffix;
  }

  static String shard(String id) {
    return id.substring(0, 2) + "/" + id.substring(2);
  }

  /** {@return the transcript the builder stores in slot {@code slot} of checkpoint {@code id}} */
  static byte[] transcript(String id, int slot) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      out.append("{\"type\":\"").append(i % 2 == 0 ? "user" : "assistant")
          .append("\",\"checkpoint\":\"").append(id).append("\",\"slot\":").append(slot)
          .append(",\"line\":").append(i).append("}\n");
    }
    return out.toString().getBytes(UTF_8);
  }

  static String sessionId(int slot) {
    return "s-" + slot;
  }

  private String commitTree(SortedMap<String, byte[]> files, List<String> parents,
      String message) {
    clock = clock.plusSeconds(60);
    return git.commit(clock, git.tree(files), parents, message);
  }

  private void moveTo(String commit, SortedMap<String, byte[]> files) {
    git.updateRef(ref, commit);
    tip = commit;
    tree = files;
  }

  /** One checkpoint directory being described. */
  final class Checkpoint {
    private final String id;
    private final TreeSet<Integer> slots = new TreeSet<>();
    private final Map<Integer, String> sessionIds = new TreeMap<>();
    private TreeSet<Integer> listed;
    private boolean afterMerge;
    private String cliVersion = "0.4.5";
    private final List<String[]> summaryKeys = new ArrayList<>();
    private final Map<Integer, List<String[]>> sessionKeys = new TreeMap<>();
    private final TreeSet<Integer> legacy = new TreeSet<>();
    private final TreeSet<Integer> contexts = new TreeSet<>();
    private final TreeSet<Integer> noTranscript = new TreeSet<>();
    private final Map<Integer, String> createdAt = new TreeMap<>();
    private final Map<Integer, String> hashes = new TreeMap<>();

    private Checkpoint(String id) {
      this.id = id;
    }

    /** Slot directories to create, each with its own session {@code s-<n>}. */
    Checkpoint slots(int... numbers) {
      for (int n : numbers) {
        slots.add(n);
      }
      return this;
    }

    /** Names the session of a slot. */
    Checkpoint session(int slot, String sessionId) {
      slots.add(slot);
      sessionIds.put(slot, sessionId);
      return this;
    }

    /** The slots the summary lists (default: all). */
    Checkpoint listed(int... numbers) {
      listed = new TreeSet<>();
      for (int n : numbers) {
        listed.add(n);
      }
      return this;
    }

    /**
     * Writes the checkpoint as a merge of two clones' histories ({@code Merge remote session
     * logs}): the unlisted slots come from the first parent, the listed slots and the summary from
     * the second, and the merge tree holds every slot directory with the second parent's summary.
     */
    Checkpoint afterMerge() {
      afterMerge = true;
      return this;
    }

    /** The {@code cli_version} text of the summary and every session (default {@code 0.4.5}). */
    Checkpoint cliVersion(String text) {
      cliVersion = text;
      return this;
    }

    /** Appends a key the library does not model to the summary, its value as raw JSON. */
    Checkpoint summaryKey(String key, String json) {
      summaryKeys.add(new String[] {"", key, json});
      return this;
    }

    /** Puts a key the library does not model into the summary right after {@code anchor}. */
    Checkpoint summaryKeyAfter(String anchor, String key, String json) {
      summaryKeys.add(new String[] {anchor, key, json});
      return this;
    }

    /** Appends a key to a slot's metadata, its value as raw JSON. */
    Checkpoint sessionKey(int slot, String key, String json) {
      sessionKeys.computeIfAbsent(slot, k -> new ArrayList<>()).add(new String[] {"", key, json});
      return this;
    }

    /**
     * Writes a slot's metadata with the older key names: {@code steps_count} instead of
     * {@code checkpoints_count}, {@code transcript_uuid_at_start} instead of
     * {@code transcript_identifier_at_start}.
     */
    Checkpoint legacyNames(int slot) {
      legacy.add(slot);
      return this;
    }

    /** Adds {@code context.md} to a slot and {@code sessions[].context} to the summary. */
    Checkpoint context(int slot) {
      contexts.add(slot);
      return this;
    }

    /** Stores no transcript (and no hash) in a slot. */
    Checkpoint noTranscript(int slot) {
      noTranscript.add(slot);
      return this;
    }

    /** The exact {@code created_at} text of a slot. */
    Checkpoint createdAt(int slot, String text) {
      createdAt.put(slot, text);
      return this;
    }

    /** The exact text of a slot's {@code content_hash.txt} (an older CLI hashed other bytes). */
    Checkpoint contentHash(int slot, String text) {
      hashes.put(slot, text);
      return this;
    }

    /** {@return the metadata.json text of a slot, as it is written} */
    String sessionJson(int slot) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cli_version", cliVersion);
      m.put("checkpoint_id", id);
      m.put("session_id", sessionIds.getOrDefault(slot, sessionId(slot)));
      m.put("strategy", "manual-commit");
      m.put("created_at", createdAt.getOrDefault(slot, T0.plusSeconds(600L * (slot + 1))
          .toString()));
      m.put("branch", "main");
      m.put(legacy.contains(slot) ? "steps_count" : "checkpoints_count", slot + 1);
      m.put("files_touched", List.of("src/s" + slot + ".go"));
      m.put("agent", "Claude Code");
      m.put("model", "claude-sonnet-4");
      m.put(legacy.contains(slot) ? "transcript_uuid_at_start" : "transcript_identifier_at_start",
          "uuid-" + slot);
      m.put("token_usage", tokenUsage(slot));
      for (String[] extra : sessionKeys.getOrDefault(slot, List.of())) {
        m.put(extra[1], raw(extra[2]));
      }
      return FixtureJson.indented(m);
    }

    private Map<String, Object> tokenUsage(int slot) {
      Map<String, Object> usage = new LinkedHashMap<>();
      usage.put("input_tokens", 100 * (slot + 1));
      usage.put("cache_creation_tokens", 10);
      usage.put("cache_read_tokens", 20);
      usage.put("output_tokens", 50 * (slot + 1));
      usage.put("api_call_count", slot + 1);
      return usage;
    }

    private String summaryJson(TreeSet<Integer> shown) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("cli_version", cliVersion);
      s.put("checkpoint_id", id);
      s.put("strategy", "manual-commit");
      s.put("branch", "main");
      long count = 0;
      TreeSet<String> files = new TreeSet<>();
      long[] usage = new long[5];
      List<Object> sessions = new ArrayList<>();
      for (int n : shown) {
        count += n + 1;
        files.add("src/s" + n + ".go");
        usage[0] += 100L * (n + 1);
        usage[1] += 10;
        usage[2] += 20;
        usage[3] += 50L * (n + 1);
        usage[4] += n + 1;
        String dir = "/" + shard(id) + "/" + n + "/";
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("metadata", dir + "metadata.json");
        if (!noTranscript.contains(n)) {
          paths.put("transcript", dir + "full.jsonl");
        }
        if (contexts.contains(n)) {
          paths.put("context", dir + "context.md");
        }
        if (!noTranscript.contains(n)) {
          paths.put("content_hash", dir + "content_hash.txt");
        }
        paths.put("prompt", dir + "prompt.txt");
        sessions.add(paths);
      }
      s.put("checkpoints_count", count);
      s.put("files_touched", new ArrayList<>(files));
      s.put("sessions", sessions);
      Map<String, Object> total = new LinkedHashMap<>();
      total.put("input_tokens", usage[0]);
      total.put("cache_creation_tokens", usage[1]);
      total.put("cache_read_tokens", usage[2]);
      total.put("output_tokens", usage[3]);
      total.put("api_call_count", usage[4]);
      s.put("token_usage", total);
      for (String[] extra : summaryKeys) {
        if (extra[0].isEmpty()) {
          s.put(extra[1], raw(extra[2]));
        } else {
          Map<String, Object> moved = new LinkedHashMap<>();
          s.forEach((k, v) -> {
            moved.put(k, v);
            if (k.equals(extra[0])) {
              moved.put(extra[1], raw(extra[2]));
            }
          });
          s = moved;
        }
      }
      return FixtureJson.indented(s);
    }

    private void putSlot(SortedMap<String, byte[]> files, int n) {
      String dir = shard(id) + "/" + n + "/";
      files.put(dir + "metadata.json", sessionJson(n).getBytes(UTF_8));
      if (!noTranscript.contains(n)) {
        byte[] transcript = transcript(id, n);
        files.put(dir + "full.jsonl", transcript);
        files.put(dir + "content_hash.txt", hashes.getOrDefault(n,
            FixtureLayouts.sha256(transcript)).getBytes(UTF_8));
      }
      files.put(dir + "prompt.txt", ("Prompt of slot " + n + " in " + id + "\n\n---\n\nAnd then")
          .getBytes(UTF_8));
      if (contexts.contains(n)) {
        files.put(dir + "context.md", ("# Session Context\n\nslot " + n + " of " + id + "\n")
            .getBytes(UTF_8));
      }
    }

    /** Writes the checkpoint onto the ref (one commit, or two sides and their merge). */
    String commit() {
      TreeSet<Integer> shown = listed == null ? slots : listed;
      SortedMap<String, byte[]> base = new TreeMap<>(tree);
      FixtureLayouts.clear(base, shard(id));
      List<String> parents = tip.isEmpty() ? List.of() : List.of(tip);
      String message = "Checkpoint: " + id + "\n\nEntire-Session: "
          + sessionIds.getOrDefault(shown.isEmpty() ? 0 : shown.last(),
              sessionId(shown.isEmpty() ? 0 : shown.last()))
          + "\nEntire-Strategy: manual-commit\nEntire-Agent: Claude Code\n";
      SortedMap<String, byte[]> all = new TreeMap<>(base);
      slots.forEach(n -> putSlot(all, n));
      all.put(shard(id) + "/metadata.json", summaryJson(shown).getBytes(UTF_8));
      if (!afterMerge) {
        moveTo(commitTree(all, parents, message), all);
        return tip;
      }
      TreeSet<Integer> local = new TreeSet<>(slots);
      local.removeAll(shown);
      SortedMap<String, byte[]> ours = new TreeMap<>(base);
      local.forEach(n -> putSlot(ours, n));
      ours.put(shard(id) + "/metadata.json", summaryJson(local).getBytes(UTF_8));
      SortedMap<String, byte[]> theirs = new TreeMap<>(base);
      shown.forEach(n -> putSlot(theirs, n));
      theirs.put(shard(id) + "/metadata.json", summaryJson(shown).getBytes(UTF_8));
      String first = commitTree(ours, parents, message);
      String second = commitTree(theirs, parents, message);
      moveTo(commitTree(all, List.of(first, second), "Merge remote session logs\n"), all);
      return tip;
    }
  }

  private static JsonElement raw(String json) {
    return JsonParser.parseString(json);
  }
}
