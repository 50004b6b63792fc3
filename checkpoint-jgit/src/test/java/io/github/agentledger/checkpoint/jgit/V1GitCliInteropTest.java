package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointTrailer;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.TokenUsage;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What our store writes reads back with the git command line, and the other way round. */
class V1GitCliInteropTest {
  private static final String BRANCH = "entire/checkpoints/v1";
  private static final CheckpointId ID = CheckpointId.parse("a3b2c4d5e6f7");

  @TempDir
  Path dir;

  @Test
  void gitReadsWhatTheStoreWrites() throws Exception {
    GitProcess.ok(dir, "init", "-q", "-b", "main");
    Files.writeString(dir.resolve("README.md"), "hello\n");
    GitProcess.ok(dir, "add", "README.md");
    GitProcess.ok(dir, "commit", "-q", "-m", "initial");
    String statusBefore = GitProcess.ok(dir, "status", "--porcelain");
    String headBefore = GitProcess.ok(dir, "rev-parse", "HEAD");
    Transcript transcript = Transcript.ofUtf8("{\"type\":\"user\",\"text\":\"<b>&</b>\"}\n");
    try (Repository repository = TestRepos.openOnDisk(dir)) {
      JGitCheckpointStore store = TestRepos.store(repository).cliVersion("0.6.1").build();
      store.write(WriteRequest.builder(ID, AgentSessionId.of("session-001"))
          .author(Author.of("Ada", "ada@example.com")).agent("Claude Code").transcript(transcript)
          .prompts(List.of("make it <bold>")).tokenUsage(TokenUsage.of(1, 2, 3, 4, 5)).build());
      store.update(new UpdateRequest(ID, AgentSessionId.of("session-001"), Transcript.empty(),
          List.of("make it <bold>", "and & more")));
    }

    assertThat(GitProcess.ok(dir, "show", BRANCH + ":a3/b2c4d5e6f7/0/full.jsonl"))
        .isEqualTo(transcript.utf8());
    assertThat(GitProcess.ok(dir, "show", BRANCH + ":a3/b2c4d5e6f7/0/prompt.txt"))
        .isEqualTo("make it <bold>\n\n---\n\nand & more");
    assertThat(GitProcess.ok(dir, "show", BRANCH + ":a3/b2c4d5e6f7/0/content_hash.txt"))
        .isEqualTo("sha256:" + V1LayoutTest.sha256Hex(transcript.bytes()));
    assertThat(GitProcess.ok(dir, "show", BRANCH + ":a3/b2c4d5e6f7/metadata.json"))
        .contains("\"checkpoint_id\": \"a3b2c4d5e6f7\"").endsWith("}\n");
    assertThat(GitProcess.ok(dir, "log", "--format=%s", BRANCH)).isEqualTo(
        "Finalize transcript for Checkpoint: a3b2c4d5e6f7\nCheckpoint: a3b2c4d5e6f7\n"
            + "Initialize sessions branch\n");
    assertThat(GitProcess.ok(dir, "log", "-1", "--skip=1",
        "--format=%(trailers:key=Entire-Session,valueonly)%(trailers:key=Entire-Agent,valueonly)",
        BRANCH)).isEqualTo("session-001\nClaude Code\n\n");
    assertThat(GitProcess.ok(dir, "log", "-1", "--skip=1", "--format=%an <%ae>", BRANCH))
        .isEqualTo("Ada <ada@example.com>\n");
    assertThat(GitProcess.ok(dir, "ls-tree", "-r", "--name-only", BRANCH)).isEqualTo(
        "a3/b2c4d5e6f7/0/content_hash.txt\na3/b2c4d5e6f7/0/full.jsonl\n"
            + "a3/b2c4d5e6f7/0/metadata.json\na3/b2c4d5e6f7/0/prompt.txt\n"
            + "a3/b2c4d5e6f7/metadata.json\n");
    GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict", "--no-dangling");
    assertThat(fsck.exitCode()).as(fsck.stderr() + fsck.stdout()).isZero();
    assertThat(fsck.stdout() + fsck.stderr()).doesNotContain("error", "warning");
    assertThat(GitProcess.ok(dir, "status", "--porcelain")).isEqualTo(statusBefore);
    assertThat(GitProcess.ok(dir, "rev-parse", "HEAD")).isEqualTo(headBefore);
    assertThat(GitProcess.ok(dir, "symbolic-ref", "HEAD")).isEqualTo("refs/heads/main\n");
  }

  @Test
  void theStoreReadsALayoutMadeByTheGitCommandLine() throws Exception {
    GitProcess.ok(dir, "init", "-q", "-b", "main");
    Files.writeString(dir.resolve("code.txt"), "code\n");
    GitProcess.ok(dir, "add", "code.txt");
    GitProcess.ok(dir, "commit", "-q", "-m", CheckpointTrailer.append("Add code", ID));
    Path layout = Files.createDirectories(dir.resolve("layout/a3/b2c4d5e6f7/0"));
    Files.writeString(layout.resolve("full.jsonl"), "{\"from\":\"cli\"}\n");
    Files.writeString(layout.resolve("prompt.txt"), "one\n\n---\n\ntwo");
    Files.writeString(layout.resolve("content_hash.txt"), "sha256:ignored-by-readers");
    Files.writeString(layout.resolve("metadata.json"), "{\n  \"checkpoint_id\": \"a3b2c4d5e6f7\","
        + "\n  \"session_id\": \"cli-session\",\n  \"strategy\": \"manual-commit\",\n"
        + "  \"created_at\": \"2026-02-03T04:05:06.789Z\",\n  \"checkpoints_count\": 4,\n"
        + "  \"files_touched\": [\n    \"code.txt\"\n  ],\n  \"agent\": \"Codex\",\n"
        + "  \"model\": \"gpt\"\n}\n");
    Files.writeString(dir.resolve("layout/a3/b2c4d5e6f7/metadata.json"), "{\n"
        + "  \"checkpoint_id\": \"a3b2c4d5e6f7\",\n  \"strategy\": \"manual-commit\",\n"
        + "  \"checkpoints_count\": 4,\n  \"files_touched\": [\n    \"code.txt\"\n  ],\n"
        + "  \"sessions\": [\n    {\n      \"metadata\": \"/a3/b2c4d5e6f7/0/metadata.json\",\n"
        + "      \"transcript\": \"/a3/b2c4d5e6f7/0/full.jsonl\",\n"
        + "      \"content_hash\": \"/a3/b2c4d5e6f7/0/content_hash.txt\",\n"
        + "      \"prompt\": \"/a3/b2c4d5e6f7/0/prompt.txt\"\n    }\n  ]\n}\n");
    Path layoutRoot = dir.resolve("layout");
    GitProcess.ok(layoutRoot, "init", "-q");
    GitProcess.ok(layoutRoot, "add", ".");
    String tree = GitProcess.ok(layoutRoot, "write-tree").trim();
    GitProcess.ok(dir, "fetch", "-q", layoutRoot.toString(), tree);
    String empty = GitProcess.ok(dir, "hash-object", "-t", "tree", "-w", "/dev/null").trim();
    String init = GitProcess.ok(dir, "commit-tree", empty, "-m", "Initialize sessions branch")
        .trim();
    String checkpoint = GitProcess.ok(dir, "commit-tree", tree, "-p", init, "-m",
        "Checkpoint: a3b2c4d5e6f7\n\nEntire-Session: cli-session\nEntire-Strategy: manual-commit")
        .trim();
    GitProcess.ok(dir, "update-ref", "refs/heads/" + BRANCH, checkpoint);
    String codeCommit = GitProcess.ok(dir, "rev-parse", "main").trim();

    try (Repository repository = TestRepos.openOnDisk(dir)) {
      JGitCheckpointStore store = TestRepos.store(repository).build();
      SessionContent content = store.readSession(ID, 0).orElseThrow();
      assertThat(content.transcript().utf8()).isEqualTo("{\"from\":\"cli\"}\n");
      assertThat(content.prompts()).containsExactly("one", "two");
      assertThat(content.metadata().agent()).isEqualTo("Codex");
      assertThat(content.metadata().createdAt()).isEqualTo(Instant.parse(
          "2026-02-03T04:05:06.789Z"));
      assertThat(store.readSummary(ID).orElseThrow().checkpointsCount()).isEqualTo(4);
      assertThat(store.list()).extracting(CheckpointListEntry::checkpointId).containsExactly(ID);
      assertThat(store.checkpointAuthor(ID)).contains(Author.of("Git Cli", "cli@example.com"));
      assertThat(store.linkedCheckpoints(CommitId.parse(codeCommit))).containsExactly(ID);

      store.write(WriteRequest.builder(ID, AgentSessionId.of("java-session")).build());
    }
    assertThat(GitProcess.ok(dir, "show", BRANCH + ":a3/b2c4d5e6f7/0/full.jsonl"))
        .isEqualTo("{\"from\":\"cli\"}\n");
    assertThat(new String(GitProcess.ok(dir, "show", BRANCH + ":a3/b2c4d5e6f7/1/metadata.json")
        .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .contains("\"session_id\": \"java-session\"");
    assertThat(GitProcess.run(dir, "fsck", "--strict").exitCode()).isZero();
  }
}
