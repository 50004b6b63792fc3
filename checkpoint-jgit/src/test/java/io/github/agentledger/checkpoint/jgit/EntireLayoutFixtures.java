package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.FixtureLayouts.files;
import static io.github.agentledger.checkpoint.jgit.FixtureLayouts.putTranscript;
import static io.github.agentledger.checkpoint.jgit.FixtureLayouts.shard;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.agentledger.checkpoint.jgit.EntireMetadataJson.SlotPaths;
import io.github.agentledger.checkpoint.jgit.EntireMetadataJson.Style;
import io.github.agentledger.checkpoint.jgit.internal.Commits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds repositories in the Entire CLI's checkpoint layouts with the {@code git} command line
 * (plumbing only), independently of the JGit code under test, and says what a reader should find
 * in each. Every fixture also has a code commit on {@code main} whose message carries
 * {@code Entire-Checkpoint} trailers for two checkpoints, one of them twice.
 * The shared file rules live in {@link FixtureLayouts} and {@link EntireMetadataJson}.
 */
final class EntireLayoutFixtures {
  static final String V1_REF = "refs/heads/entire/checkpoints/v1";
  static final String V1_REMOTE_REF = "refs/remotes/origin/entire/checkpoints/v1";
  static final String V2_MAIN = "refs/entire/checkpoints/v2/main";
  static final String V2_CURRENT = "refs/entire/checkpoints/v2/full/current";
  static final String V2_DECOY = "refs/entire/checkpoints/v2/full/backup";
  static final String CP_A = "a3b2c4d5e6f7";
  static final String CP_B = "0f1e2d3c4b5a";
  static final String CP_C = "c0ffee123456";
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  private final GitPlumbing git;
  private final Path workTree;
  private final Map<String, String> refs = new TreeMap<>();
  private final Map<String, SortedMap<String, byte[]>> trees = new TreeMap<>();
  private Instant clock = T0;
  private String codeCommit = "";
  private List<String> linked = List.of();

  private EntireLayoutFixtures(Path directory) {
    workTree = directory.resolve("repo");
    try {
      Files.createDirectories(workTree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitCli cli = GitCli.in(workTree, directory.resolve("home"), T0);
    cli.text("init", "-q", "-b", "main");
    git = new GitPlumbing(cli);
  }

  /** {@return the name of the archived generation ref number {@code n}, 13 digits} */
  static String v2Archive(int n) {
    return String.format("refs/entire/checkpoints/v2/full/%013d", n);
  }

  /** {@return the v1 commit message of a committed write (spec §5.5)} */
  static String v1Message(String checkpointId, FixtureSession session) {
    return "Checkpoint: " + checkpointId + "\n\nEntire-Session: " + session.sessionId()
        + "\nEntire-Strategy: manual-commit\nEntire-Agent: " + session.agent() + "\n";
  }

  /**
   * v1 branch {@code refs/heads/entire/checkpoints/v1} with three checkpoints: {@link #CP_A} one
   * session; {@link #CP_B} two sessions written at different times (its second session is the
   * newest write of all, so it lists first); {@link #CP_C} one session whose transcript is stored
   * in three chunks {@code full.jsonl}, {@code full.jsonl.001}, {@code full.jsonl.002}.
   */
  static FixtureRepository v1Branch(Path directory) {
    EntireLayoutFixtures f = new EntireLayoutFixtures(directory);
    f.codeCommit(CP_A, CP_B);
    f.orphan(V1_REF, new TreeMap<>(), "Initialize sessions branch");
    ExpectedCheckpoint a = f.writeV1(CP_A, List.of(f.session("s-a0", "Claude Code", 4, 0)),
        Style.V1, "full.jsonl", Map.of());
    FixtureSession b0 = f.session("s-b0", "Claude Code", 4, 0);
    f.writeV1(CP_B, List.of(b0), Style.V1, "full.jsonl", Map.of());
    ExpectedCheckpoint c = f.writeV1(CP_C, List.of(f.session("s-c0", "Claude Code", 7, 3)),
        Style.V1, "full.jsonl", Map.of());
    FixtureSession b1 = f.session("s-b1", "Codex", 2, 0);
    ExpectedCheckpoint bothB =
        f.writeV1(CP_B, List.of(b0, b1), Style.V1, "full.jsonl", Map.of());
    return f.result(List.of(a, bothB, c));
  }

  /**
   * v1 data a tolerant reader must accept (spec §10): {@link #CP_A} stores its transcript as
   * {@code full.log}, has a legacy {@code tasks/} directory and metadata with
   * {@code files_touched: null}, no {@code token_usage}, only {@code transcript_lines_at_start},
   * and unknown keys; {@link #CP_B}'s second session has neither transcript nor prompt. The root
   * holds {@code vercel.json}, {@code generation.json}, a legacy {@code tasks/} directory and a
   * two-character directory {@code zz/} whose child is not a checkpoint id.
   */
  static FixtureRepository v1Tolerant(Path directory) {
    EntireLayoutFixtures f = new EntireLayoutFixtures(directory);
    f.codeCommit(CP_A, CP_B);
    f.orphan(V1_REF, files("vercel.json",
        "{\"git\":{\"deploymentEnabled\":{\"entire/**\":false}},\"other\":1}\n"),
        "Initialize sessions branch");
    ExpectedCheckpoint a = f.writeV1(CP_A, List.of(f.session("s-a0", "Claude Code", 3, 0)),
        Style.TOLERANCE, "full.log", Map.of(
            shard(CP_A) + "/tasks/toolu_01abc/checkpoint.json",
            "{\"session_id\":\"s-a0\",\"tool_use_id\":\"toolu_01abc\"}\n"));
    FixtureSession talkative = f.session("s-b0", "Gemini CLI", 2, 0);
    FixtureSession silent = new FixtureSession("s-b1", "Cursor", f.tick(), 1, List.of(),
        List.of(0, 0, 0, 0, 0), List.of(), new byte[0], 0, 0);
    ExpectedCheckpoint b = f.writeV1(CP_B,
        List.of(talkative, silent), Style.TOLERANCE, "full.jsonl",
        Map.of("generation.json", "{\"oldest_checkpoint_at\":\"2026-01-01T00:00:00Z\"}\n",
            "tasks/toolu_legacy/checkpoint.json", "{}\n",
            "zz/not-a-checkpoint/metadata.json", "{\"checkpoint_id\":\"zznotacheckp\"}\n"));
    return f.result(List.of(a, b));
  }

  /**
   * The {@link #v1Branch} content, but only as the remote-tracking ref
   * {@code refs/remotes/origin/entire/checkpoints/v1}: the local branch does not exist.
   */
  static FixtureRepository v1RemoteTrackingOnly(Path directory) {
    FixtureRepository local = v1Branch(directory);
    GitCli cli = GitCli.in(local.workTree(), directory.resolve("home"), T0);
    String tip = local.refs().get(V1_REF);
    cli.text("update-ref", V1_REMOTE_REF, tip);
    cli.text("update-ref", "-d", V1_REF);
    Map<String, String> refs = new TreeMap<>(local.refs());
    refs.remove(V1_REF);
    refs.put(V1_REMOTE_REF, tip);
    return new FixtureRepository(local.workTree(), local.gitDir(), refs, local.checkpoints(),
        local.codeCommit(), local.linkedCheckpointIds());
  }

  /** v2 in the seed design this project writes; see {@link EntireV2Fixtures#seed}. */
  static FixtureRepository v2Seed(Path directory) {
    return EntireV2Fixtures.seed(directory);
  }

  /** v2 in the later upstream shape; see {@link EntireV2Fixtures#upstream}. */
  static FixtureRepository v2Upstream(Path directory) {
    return EntireV2Fixtures.upstream(directory);
  }

  /** Writes (or rewrites) a checkpoint on the v1 branch, one commit for its last session. */
  private ExpectedCheckpoint writeV1(String id, List<FixtureSession> sessions,
      Style style, String transcriptBase, Map<String, String> extraFiles) {
    SortedMap<String, byte[]> tree = new TreeMap<>(trees.get(V1_REF));
    FixtureLayouts.clear(tree, shard(id));
    List<SlotPaths> paths = new ArrayList<>();
    List<ExpectedSession> expected = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      FixtureSession s = sessions.get(i);
      String slot = shard(id) + "/" + i + "/";
      String metadata = EntireMetadataJson.session(id, s, style);
      tree.put(slot + "metadata.json", metadata.getBytes(UTF_8));
      putPrompt(tree, slot, s);
      List<String> names = putTranscript(tree, slot, s, transcriptBase, "content_hash.txt");
      paths.add(new SlotPaths(names.isEmpty() ? Optional.empty() : Optional.of(transcriptBase),
          names.isEmpty() ? Optional.empty() : Optional.of("content_hash.txt"),
          !s.prompts().isEmpty()));
      expected.add(expectedSession(i, s, metadata, names, V1_REF, new byte[0]));
    }
    String summary = EntireMetadataJson.summary(id, sessions, paths, style);
    tree.put(shard(id) + "/metadata.json", summary.getBytes(UTF_8));
    extraFiles.forEach((path, text) -> tree.put(path, text.getBytes(UTF_8)));
    commit(V1_REF, tree, v1Message(id, sessions.get(sessions.size() - 1)));
    return new ExpectedCheckpoint(id, summary, expected);
  }

  FixtureSession session(String sessionId, String agent, int lines, int linesPerChunk) {
    Instant created = tick();
    int n = (int) (created.getEpochSecond() % 1000);
    return new FixtureSession(sessionId, agent, created, lines / 2 + 1,
        List.of("src/" + sessionId + ".ts", "README.md"), List.of(100 + n, 20, 30, 40 + n, 2),
        List.of("Work on " + sessionId, "Then tidy up"),
        FixtureLayouts.transcript(sessionId, "work on " + sessionId, lines), linesPerChunk,
        lines > 2 ? 2 : 0);
  }

  static void putPrompt(SortedMap<String, byte[]> tree, String slot, FixtureSession s) {
    if (!s.prompts().isEmpty()) {
      tree.put(slot + "prompt.txt", FixtureLayouts.promptText(s.prompts()).getBytes(UTF_8));
    }
  }

  static ExpectedSession expectedSession(int index, FixtureSession s, String metadata,
      List<String> transcriptNames, String transcriptRef, byte[] compact) {
    boolean stored = !transcriptNames.isEmpty();
    return new ExpectedSession(index, s.sessionId(), s.agent(), s.createdAt(), metadata,
        s.prompts(), s.transcript(), transcriptNames,
        stored ? Optional.of(FixtureLayouts.sha256(s.transcript())) : Optional.empty(),
        stored ? Optional.of(transcriptRef) : Optional.empty(), compact);
  }

  Instant tick() {
    clock = clock.plusSeconds(60);
    return clock;
  }

  /** Commits {@code tree} on {@code ref} with the ref's tip as parent and moves the ref. */
  String commit(String ref, SortedMap<String, byte[]> tree, String message) {
    String parent = refs.get(ref);
    String id = git.commit(tick(), git.tree(tree), parent == null ? List.of() : List.of(parent),
        message);
    git.updateRef(ref, id);
    refs.put(ref, id);
    trees.put(ref, new TreeMap<>(tree));
    return id;
  }

  /** Starts {@code ref} afresh with an orphan commit of {@code tree}. */
  String orphan(String ref, SortedMap<String, byte[]> tree, String message) {
    refs.remove(ref);
    return commit(ref, tree, message);
  }

  /** Points {@code ref} at the tip of {@code source} (an archive keeps the generation's tip). */
  void copyRef(String source, String ref) {
    git.updateRef(ref, refs.get(source));
    refs.put(ref, refs.get(source));
    trees.put(ref, new TreeMap<>(trees.get(source)));
  }

  SortedMap<String, byte[]> tree(String ref) {
    return new TreeMap<>(trees.getOrDefault(ref, new TreeMap<>()));
  }

  private void codeCommit(String first, String second) {
    String message = "Add login form\n\nImplements the form and its validation.\n\n"
        + "Entire-Checkpoint: " + first + "\nEntire-Checkpoint: " + second
        + "\nEntire-Checkpoint: " + first + "\n";
    String tree = git.tree(files("README.md", "# demo\n", "src/login.ts", "export {};\n"));
    codeCommit = git.commit(clock, tree, List.of(), message);
    git.updateRef("refs/heads/main", codeCommit);
    refs.put("refs/heads/main", codeCommit);
    linked = List.of(first, second);
  }

  FixtureRepository result(List<ExpectedCheckpoint> checkpoints) {
    return new FixtureRepository(workTree, workTree.resolve(".git"), refs, checkpoints,
        codeCommit, linked);
  }

  /** Starts a fixture in {@code directory}; for the v2 variants in {@link EntireV2Fixtures}. */
  static EntireLayoutFixtures start(Path directory) {
    EntireLayoutFixtures f = new EntireLayoutFixtures(directory);
    f.codeCommit(CP_A, CP_B);
    return f;
  }

  static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
