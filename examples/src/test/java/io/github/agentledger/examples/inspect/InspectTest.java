package io.github.agentledger.examples.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.examples.quickstart.Quickstart;
import io.github.agentledger.examples.quickstart.QuickstartResult;
import io.github.agentledger.examples.rotation.Rotation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void listsAndShowsACheckpointOfARepositoryLaidOutByGitPlumbingAsEntireWritesIt()
      throws IOException {
    assumeTrue(GitCli.available(), "git is not on the PATH: the Entire-layout fixture needs it");
    EntireV1Fixture.write(dir);
    Map<String, String> refsBefore = refs(dir);

    assertThat(inspect(dir.toString(), "list")).isZero();
    assertThat(printed())
        .contains("v1 refs/heads/entire/checkpoints/v1: 1 checkpoint")
        .contains(EntireV1Fixture.CHECKPOINT + "  2026-01-02T04:05:06Z  2 sessions  Claude Code"
            + "  files [src/a.go, src/b.go]");

    out.reset();
    assertThat(inspect(dir.toString(), "show", EntireV1Fixture.CHECKPOINT)).isZero();
    assertThat(printed())
        .contains("checkpoint " + EntireV1Fixture.CHECKPOINT
            + " (v1, refs/heads/entire/checkpoints/v1)")
        .contains("strategy manual-commit, branch feature/login, 5 steps, 2 sessions, cli 0.6.1")
        .contains("tokens: input 1500, output 500, cache read 800, cache creation 200,"
            + " api calls 3")
        .contains("session 0: " + EntireV1Fixture.SESSION_0 + ", created 2026-01-02T03:04:05Z,"
            + " agent Claude Code, model claude-sonnet-4")
        .contains("- " + EntireV1Fixture.PROMPT_0)
        .contains("transcript: 4 lines, " + EntireV1Fixture.TRANSCRIPT_0.length() + " bytes; head:")
        .contains("Looking at src/a.go")
        .doesNotContain("\"Thanks\"")
        .contains("session 1: " + EntireV1Fixture.SESSION_1)
        .contains("prompts (0):")
        .contains("transcript: 0 lines, 0 bytes")
        .contains("written by Entire Fixture <fixture@example.com>");
    assertThat(refs(dir)).isEqualTo(refsBefore);
  }

  @Test
  void showsEverySlotOfARealRepositoryAndMarksATranscriptAbsentLocally() throws IOException {
    assumeTrue(GitCli.available(), "git is not on the PATH: the Entire-layout fixture needs it");
    String missing = EntireRealFixture.write(dir);
    Map<String, String> refsBefore = refs(dir);

    assertThat(inspect(dir.toString(), "show", EntireRealFixture.CHECKPOINT)).isZero();

    assertThat(printed())
        .contains("session 0: first, created 2026-02-15T09:37:45Z, agent Claude Code")
        .contains("3 steps, tokens: input 1200, output 10, cache read 0, cache creation 0,"
            + " api calls 1")
        .contains("session 2: third")
        .contains("4 steps, tokens: input 3400")
        .contains("context.md: present, 3 lines")
        .contains("context.md: none")
        .contains("transcript: 2 lines")
        .contains("transcript: not available locally (5a/5a5a5a5a5a/2/full.jsonl, object "
            + missing + ")")
        .contains("linked from 2 code commits:")
        .contains(" Squash merge (#12)")
        .contains(" Add the parser")
        .doesNotContain("session 1:");
    assertThat(refs(dir)).isEqualTo(refsBefore);
  }

  @Test
  void readsTheLaterUpstreamV2ShapeLaidOutByGitPlumbing() throws IOException {
    assumeTrue(GitCli.available(), "git is not on the PATH: the Entire-layout fixture needs it");
    EntireV2Fixture.write(dir);
    Map<String, String> refsBefore = refs(dir);

    assertThat(inspect(dir.toString())).isZero();
    assertThat(printed())
        .contains("v2 refs/entire/checkpoints/v2/main: 2 checkpoints")
        .containsSubsequence(EntireV2Fixture.CURRENT + "  2026-03-02T10:00:00Z",
            EntireV2Fixture.ARCHIVED + "  2026-03-01T10:00:00Z")
        .contains("v1: no refs/heads/entire/checkpoints/v1");
    out.reset();
    assertThat(inspect(dir.toString(), "show", EntireV2Fixture.ARCHIVED)).isZero();
    assertThat(printed())
        .contains("checkpoint " + EntireV2Fixture.ARCHIVED + " (v2,")
        .contains("session 0: sess-archived")
        .contains("- Rename the config loader")
        .contains("transcript: 2 lines, " + EntireV2Fixture.RAW_ARCHIVED.length() + " bytes")
        .contains("Renamed to ConfigSource");
    out.reset();
    assertThat(inspect(dir.toString(), "generations")).isZero();
    assertThat(printed())
        .contains("0000000000001  1 checkpoint, 2026-03-01T10:00:00Z")
        .contains("[" + EntireV2Fixture.ARCHIVED + "]");
    assertThat(refs(dir)).isEqualTo(refsBefore);
  }

  @Test
  void showsTheQuickstartsCheckpointAndRestoresItsSegment() {
    QuickstartResult result = Quickstart.run(dir, new PrintStream(new ByteArrayOutputStream(),
        true, StandardCharsets.UTF_8));

    assertThat(inspect(result.repository().toString())).isZero();
    assertThat(printed()).contains(result.checkpointId() + "  ")
        .contains("1 session  agentledger quickstart  files [hello.txt]");
    out.reset();
    assertThat(inspect(result.repository().toString(), "show",
        result.checkpointId().value())).isZero();
    assertThat(printed()).contains("session 0: " + result.sessionId())
        .contains("transcript: 8 lines")
        .contains("\"kind\":\"segment_start\"");

    out.reset();
    Path segment = result.segmentRoot().resolve(result.sessionId().toString())
        .resolve(result.segmentId() + ".jsonl");
    assertThat(inspect("segment", segment.toString())).isZero();
    assertThat(printed())
        .contains("segment " + result.segmentId() + " of session " + result.sessionId())
        .contains("entries 8, turns 1")
        .contains("origin: a fresh conversation")
        .contains("system prompt: You are a careful coding agent.")
        .contains("history (4 items):")
        .contains("user: " + "Add a greeting to hello.txt")
        .contains("tool call write_file [call-1]")
        .contains("assistant: I added the greeting to hello.txt.");
  }

  @Test
  void listsShowsAndListsTheGenerationsOfADualWriteRepositoryAfterRotation() throws IOException {
    List<CheckpointId> written = Rotation.run(dir, new PrintStream(new ByteArrayOutputStream(),
        true, StandardCharsets.UTF_8));
    Map<String, String> refsBefore = refs(dir);

    assertThat(inspect(dir.toString(), "list")).isZero();
    assertThat(printed())
        .contains("v2 refs/entire/checkpoints/v2/main: 7 checkpoints")
        .contains("v1 refs/heads/entire/checkpoints/v1: 7 checkpoints")
        .doesNotContain("not read:");
    out.reset();
    assertThat(inspect(dir.toString(), "generations")).isZero();
    assertThat(printed())
        .contains("0000000000001  3 checkpoints")
        .contains(written.subList(0, 3).toString())
        .contains("0000000000002  3 checkpoints")
        .contains("current        1 checkpoint")
        .contains(written.subList(6, 7).toString());
    out.reset();
    assertThat(inspect(dir.toString(), "show", written.get(0).value())).isZero();
    assertThat(printed())
        .contains("checkpoint " + written.get(0) + " (v2, refs/entire/checkpoints/v2/main)")
        .contains("- step 1")
        .contains("transcript: 1 lines")
        .contains("also stored in v1 (refs/heads/entire/checkpoints/v1)");
    assertThat(refs(dir)).isEqualTo(refsBefore);
  }

  @Test
  void generationsSaysWhenARepositoryHasNone() throws Exception {
    Git.init().setDirectory(dir.toFile()).call().close();

    assertThat(inspect(dir.toString(), "generations")).isZero();
    assertThat(printed()).contains("v2: no generations");
    out.reset();
    assertThat(inspect(dir.toString())).isZero();
    assertThat(printed()).contains("v1: no refs/heads/entire/checkpoints/v1");
  }

  @Test
  void aMissingCheckpointIsReportedAndABadIdIsAUsageError() throws Exception {
    Git.init().setDirectory(dir.toFile()).call().close();

    assertThat(inspect(dir.toString(), "show", "0123456789ab")).isEqualTo(1);
    assertThat(errors()).contains("checkpoint 0123456789ab not found");
    assertThat(inspect(dir.toString(), "show", "../../etc")).isEqualTo(2);
    assertThat(errors()).contains("'../../etc' is not a checkpoint id");
  }

  @Test
  void aDirectoryThatIsNoRepositoryIsReported() {
    assertThat(inspect(dir.toString())).isEqualTo(1);
    assertThat(errors()).contains("no git repository at " + dir);
    assertThat(inspect(dir.resolve("missing").toString())).isEqualTo(1);
    assertThat(errors()).contains("is not a directory");
  }

  @Test
  void aFileOutsideTheSegmentLayoutIsRejectedAndACorruptSegmentReported() throws IOException {
    Path stray = Files.writeString(dir.resolve("notes.jsonl"), "{}\n");
    assertThat(inspect("segment", stray.toString())).isEqualTo(2);
    assertThat(errors()).contains("is not named <session-id>/<segment-id>.jsonl");

    Path session = Files.createDirectories(dir.resolve("01a1ff43-1d53-7098-a0ed-3990d77119c4"));
    Path corrupt = Files.writeString(
        session.resolve("01a1ff43-1d5c-7556-990d-0f03299c3665.jsonl"), "not json\n");
    assertThat(inspect("segment", corrupt.toString())).isEqualTo(1);
    assertThat(errors()).contains("cannot restore").contains("line 1 (byte 0)");
    assertThat(Files.readString(corrupt)).isEqualTo("not json\n");
  }

  @Test
  void listsShowsAndExplainsGitRefsCheckpointsBesideV1AndNamesTheRefsItDoesNotRead()
      throws IOException {
    assumeTrue(GitCli.available(), "git is not on the PATH: the Entire-layout fixture needs it");
    EntireGitRefsFixture.write(dir);
    Map<String, String> refsBefore = refs(dir);

    assertThat(inspect(dir.toString(), "list")).isZero();
    assertThat(printed())
        .contains("git-refs refs/entire/checkpoints/<shard>/<id>: 1 checkpoint")
        .contains(EntireGitRefsFixture.ULID + "  2026-10-01T09:05:00Z  2 sessions  Codex"
            + "  files [src/c.go]  (ULID, minted ")
        .contains("v1 refs/heads/entire/checkpoints/v1: 1 checkpoint")
        .contains("not read: " + EntireGitRefsFixture.MISPLACED + " (shard \"AA\" does not"
            + " match the id's last two characters \"ZN\")");

    out.reset();
    assertThat(inspect(dir.toString(), "show", EntireGitRefsFixture.ULID)).isZero();
    assertThat(printed())
        .contains("checkpoint " + EntireGitRefsFixture.ULID + " (git-refs, "
            + EntireGitRefsFixture.REF + ")")
        .contains("explained: one ref of its own, " + EntireGitRefsFixture.REF)
        .contains("history of 2 commits, starting from an orphan commit")
        .contains("session 1: s-second")
        .contains("- prompt of s-first");

    out.reset();
    assertThat(inspect(dir.toString(), "show", EntireV1Fixture.CHECKPOINT)).isZero();
    assertThat(printed()).contains("(v1, refs/heads/entire/checkpoints/v1)");
    assertThat(inspect(dir.toString(), "show", EntireGitRefsFixture.ULID.toLowerCase()))
        .isEqualTo(2);
    assertThat(errors()).contains("26-character ULID");
    assertThat(refs(dir)).isEqualTo(refsBefore);
  }

  @Test
  void wrongArgumentsPrintUsage() {
    assertThat(inspect()).isEqualTo(2);
    assertThat(inspect("segment")).isEqualTo(2);
    assertThat(inspect(dir.toString(), "frobnicate")).isEqualTo(2);
    assertThat(errors()).contains("usage: inspect <repo>").contains("unknown subcommand");
  }

  private int inspect(String... args) {
    return Inspect.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> refs(Path repo) throws IOException {
    Map<String, String> refs = new TreeMap<>();
    try (Git git = Git.open(repo.toFile())) {
      for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
        refs.put(ref.getName(), ref.getObjectId().name());
      }
    }
    return refs;
  }
}
