package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Attribution;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CodeLearning;
import io.github.agentledger.checkpoint.Learnings;
import io.github.agentledger.checkpoint.SessionMetrics;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.TokenUsage;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/** The v1 layout to the byte: paths, JSON, hashes, commit messages and trailers (spec §5). */
class V1LayoutTest {
  private static final String REF = RefNames.V1_BRANCH;
  private static final CheckpointId ID = CheckpointId.parse("a3b2c4d5e6f7");
  private static final AgentSessionId SESSION_A = AgentSessionId.of("session-001");
  private static final AgentSessionId SESSION_B = AgentSessionId.of("session-002");
  private static final Author AUTHOR = Author.of("Ada Lovelace", "ada@example.com");
  private static final Transcript TRANSCRIPT =
      Transcript.ofUtf8("{\"type\":\"user\"}\n{\"type\":\"assistant\"}\n");

  private final Repository repository = TestRepos.inMemory();
  private final JGitCheckpointStore store =
      TestRepos.store(repository).cliVersion("0.6.1").build();

  @Test
  void aWriteCreatesTheOrphanBranchAndTheShardedFiles() {
    store.write(WriteRequest.builder(ID, SESSION_A).author(AUTHOR).agent("Claude Code")
        .transcript(TRANSCRIPT).prompts(List.of("p1", "p2")).build());

    Map<String, String> files = RefTrees.files(repository, REF);
    assertThat(files.keySet()).containsExactly(
        "a3/b2c4d5e6f7/0/content_hash.txt",
        "a3/b2c4d5e6f7/0/full.jsonl",
        "a3/b2c4d5e6f7/0/metadata.json",
        "a3/b2c4d5e6f7/0/prompt.txt",
        "a3/b2c4d5e6f7/metadata.json");
    assertThat(files.get("a3/b2c4d5e6f7/0/full.jsonl")).isEqualTo(TRANSCRIPT.utf8());
    assertThat(files.get("a3/b2c4d5e6f7/0/content_hash.txt")).isEqualTo(
        "sha256:" + sha256Hex(TRANSCRIPT.bytes()));
    assertThat(files.get("a3/b2c4d5e6f7/0/prompt.txt")).isEqualTo("p1\n\n---\n\np2");

    RevCommit tip = RefTrees.tip(repository, REF);
    assertThat(tip.getFullMessage()).isEqualTo("Checkpoint: a3b2c4d5e6f7\n\n"
        + "Entire-Session: session-001\nEntire-Strategy: manual-commit\n"
        + "Entire-Agent: Claude Code\n");
    assertThat(tip.getAuthorIdent().getName()).isEqualTo("Ada Lovelace");
    assertThat(tip.getCommitterIdent().getEmailAddress()).isEqualTo("ada@example.com");
    assertThat(tip.getAuthorIdent().getWhenAsInstant()).isEqualTo(TestRepos.T0);
    assertThat(tip.getParentCount()).isEqualTo(1);
  }

  @Test
  void theInitialCommitHasTheEntireMessageWithoutNewline() throws Exception {
    store.write(WriteRequest.builder(ID, SESSION_A).build());

    try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
      RevCommit init = walk.parseCommit(RefTrees.tip(repository, REF).getParent(0));
      assertThat(init.getFullMessage()).isEqualTo("Initialize sessions branch");
      assertThat(init.getParentCount()).isZero();
      assertThat(init.getTree().getId()).isEqualTo(emptyTree());
      assertThat(init.getAuthorIdent().getName()).isEqualTo("Unknown");
      assertThat(init.getAuthorIdent().getEmailAddress()).isEqualTo("unknown@local");
    }
  }

  @Test
  void ephemeralBranchTrailerUsesLowercaseB() {
    store.write(WriteRequest.builder(ID, SESSION_A).ephemeralBranch("entire/2b4c177-abcdef")
        .build());

    assertThat(RefTrees.tip(repository, REF).getFullMessage()).isEqualTo(
        "Checkpoint: a3b2c4d5e6f7\n\nEntire-Session: session-001\nEntire-Strategy: manual-commit\n"
            + "Ephemeral-branch: entire/2b4c177-abcdef\n");
  }

  @Test
  void sessionMetadataMatchesGoBytesWithEveryField() {
    store.write(WriteRequest.builder(ID, SESSION_A)
        .createdAt(Instant.parse("2026-05-01T10:00:00.5Z"))
        .branch("feature/<login>&co").checkpointsCount(3)
        .filesTouched(List.of("src/a.go", "src/b.go")).agent("Claude Code")
        .model("claude-sonnet-4").turnId("0123456789ab").task("toolu_01")
        .transcriptStart("uuid-1", 15)
        .tokenUsage(new TokenUsage(1500, 200, 800, 500, 3,
            Optional.of(TokenUsage.of(1, 0, 0, 2, 1))))
        .sessionMetrics(new SessionMetrics(12000, 4, 0, 0))
        .summary(new SessionSummary("Add a login page", "Login works",
            new Learnings(List.of("uses gradle"),
                List.of(new CodeLearning("src/Login.java", 10, 0, "validates input")), List.of()),
            List.of(), List.of("logout")))
        .initialAttribution(new Attribution(TestRepos.T0, 50, 0, 10, 5, 15, 60, 80, 62.5, 2))
        .review(WriteRequest.AGENT_REVIEW, List.of("security"), "review this")
        .build());

    assertThat(RefTrees.files(repository, REF).get("a3/b2c4d5e6f7/0/metadata.json"))
        .isEqualTo(RefTrees.golden("session-metadata-full.json"));
  }

  @Test
  void minimalSessionMetadataOmitsEmptyFieldsButKeepsModelAndNilFiles() {
    JGitCheckpointStore bare = TestRepos.store(repository).build();
    bare.write(WriteRequest.builder(ID, SESSION_A).build());

    assertThat(RefTrees.files(repository, REF).get("a3/b2c4d5e6f7/0/metadata.json"))
        .isEqualTo(RefTrees.golden("session-metadata-minimal.json"));
  }

  @Test
  void summaryMatchesGoBytesForTwoSessions() {
    store.write(WriteRequest.builder(ID, SESSION_A).branch("main").checkpointsCount(3)
        .filesTouched(List.of("b.go", "a.go")).tokenUsage(TokenUsage.of(1500, 200, 800, 500, 3))
        .transcript(TRANSCRIPT).prompts(List.of("p"))
        .review(WriteRequest.AGENT_REVIEW, List.of(), "").build());
    store.write(WriteRequest.builder(ID, SESSION_B).branch("main").checkpointsCount(2)
        .filesTouched(List.of("c.go", "a.go")).tokenUsage(TokenUsage.of(20, 0, 0, 5, 1)).build());

    assertThat(RefTrees.files(repository, REF).get("a3/b2c4d5e6f7/metadata.json"))
        .isEqualTo(RefTrees.golden("summary-two-sessions.json"));
  }

  @Test
  void finalizeCommitUsesTheConfiguredAuthorAndNoTrailers() throws Exception {
    StoredConfig config = repository.getConfig();
    config.setString("user", null, "name", "Config User");
    config.setString("user", null, "email", "config@example.com");
    store.write(WriteRequest.builder(ID, SESSION_A).author(AUTHOR).transcript(TRANSCRIPT).build());

    store.update(new UpdateRequest(ID, SESSION_A, Transcript.ofUtf8("{\"n\":2}\n"), List.of()));

    RevCommit tip = RefTrees.tip(repository, REF);
    assertThat(tip.getFullMessage()).isEqualTo("Finalize transcript for Checkpoint: a3b2c4d5e6f7");
    assertThat(tip.getAuthorIdent().getName()).isEqualTo("Config User");
    assertThat(tip.getAuthorIdent().getEmailAddress()).isEqualTo("config@example.com");
  }

  @Test
  void summaryUpdateCommitNamesTheSession() {
    store.write(WriteRequest.builder(ID, SESSION_A).build());

    store.updateSessionSummary(ID,
        new SessionSummary("i", "o", Learnings.none(), List.of(), List.of()));

    assertThat(RefTrees.tip(repository, REF).getFullMessage())
        .isEqualTo("Update summary for checkpoint a3b2c4d5e6f7 (session: session-001)");
  }

  @Test
  void summaryUpdateKeepsUnknownKeysAndPutsSummaryInStructOrder() throws Exception {
    store.write(WriteRequest.builder(ID, SESSION_A).review("agent_review", List.of(), "").build());
    String path = "a3/b2c4d5e6f7/0/metadata.json";
    String withExtra = RefTrees.files(repository, REF).get(path)
        .replace("  \"model\": \"\",\n", "  \"model\": \"\",\n  \"future_key\": [1, 2.50],\n");
    V1Fixtures.replaceFile(repository, REF, path, withExtra);

    store.updateSessionSummary(ID,
        new SessionSummary("i", "o", Learnings.none(), List.of(), List.of()));

    String after = RefTrees.files(repository, REF).get(path);
    assertThat(after).contains("\"future_key\": [\n    1,\n    2.50\n  ]");
    assertThat(after.indexOf("\"summary\"")).isLessThan(after.indexOf("\"kind\""))
        .isGreaterThan(after.indexOf("\"future_key\""));
  }

  @Test
  void largeTranscriptsAreChunkedAtLineBoundariesAndReassembled() {
    JGitCheckpointStore small = TestRepos.store(repository).maxChunkBytes(24).build();
    Transcript big = Transcript.ofUtf8(
        "{\"line\":1}\n{\"line\":2}\n{\"line\":3}\n{\"line\":4}\n{\"line\":5}\n");

    small.write(WriteRequest.builder(ID, SESSION_A).transcript(big).build());

    Map<String, String> files = RefTrees.files(repository, REF);
    assertThat(files).containsEntry("a3/b2c4d5e6f7/0/full.jsonl", "{\"line\":1}\n{\"line\":2}")
        .containsEntry("a3/b2c4d5e6f7/0/full.jsonl.001", "{\"line\":3}\n{\"line\":4}")
        .containsEntry("a3/b2c4d5e6f7/0/full.jsonl.002", "{\"line\":5}\n")
        .containsEntry("a3/b2c4d5e6f7/0/content_hash.txt",
            "sha256:" + sha256Hex(big.bytes()));
    assertThat(small.readSession(ID, 0).orElseThrow().transcript()).isEqualTo(big);
  }

  @Test
  void rewritingASlotRemovesItsStaleChunks() {
    JGitCheckpointStore small = TestRepos.store(repository).maxChunkBytes(24).build();
    small.write(WriteRequest.builder(ID, SESSION_A).transcript(Transcript.ofUtf8(
        "{\"line\":1}\n{\"line\":2}\n{\"line\":3}\n{\"line\":4}\n")).prompts(List.of("p")).build());

    small.write(WriteRequest.builder(ID, SESSION_A).transcript(Transcript.ofUtf8("{}\n")).build());

    assertThat(RefTrees.files(repository, REF).keySet()).containsExactly(
        "a3/b2c4d5e6f7/0/content_hash.txt", "a3/b2c4d5e6f7/0/full.jsonl",
        "a3/b2c4d5e6f7/0/metadata.json", "a3/b2c4d5e6f7/metadata.json");
  }

  @Test
  void updateWithAnUnchangedHashKeepsTheStoredChunksAndStillCommits() {
    JGitCheckpointStore small = TestRepos.store(repository).maxChunkBytes(24).build();
    Transcript big = Transcript.ofUtf8("{\"line\":1}\n{\"line\":2}\n{\"line\":3}\n");
    small.write(WriteRequest.builder(ID, SESSION_A).transcript(big).build());
    Map<String, String> before = RefTrees.files(repository, REF);
    ObjectId tipBefore = RefTrees.tipId(repository, REF);

    store.update(new UpdateRequest(ID, SESSION_A, big, List.of()));

    assertThat(RefTrees.files(repository, REF)).isEqualTo(before)
        .containsKey("a3/b2c4d5e6f7/0/full.jsonl.001");
    assertThat(RefTrees.tipId(repository, REF)).isNotEqualTo(tipBefore);

    Transcript changed = Transcript.ofUtf8("{\"line\":9}\n");
    store.update(new UpdateRequest(ID, SESSION_A, changed, List.of()));

    Map<String, String> after = RefTrees.files(repository, REF);
    assertThat(after).doesNotContainKey("a3/b2c4d5e6f7/0/full.jsonl.001")
        .containsEntry("a3/b2c4d5e6f7/0/full.jsonl", changed.utf8())
        .containsEntry("a3/b2c4d5e6f7/0/content_hash.txt",
            "sha256:" + sha256Hex(changed.bytes()));
  }

  @Test
  void aLineLongerThanTheChunkLimitFailsTheWriteAndStoresNothing() {
    JGitCheckpointStore small = TestRepos.store(repository).maxChunkBytes(8).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.write(WriteRequest
            .builder(ID, SESSION_A).transcript(Transcript.ofUtf8("{\"a\":\"long line\"}\n{}\n"))
            .build()))
        .isInstanceOf(io.github.agentledger.checkpoint.CheckpointStorageException.class)
        .hasMessageContaining("line 1").hasMessageContaining("8 bytes");
    assertThat(RefTrees.tipId(repository, REF)).isNull();
  }

  @Test
  void everythingWrittenPassesThroughTheRedactor() {
    Redactor redactor = new Redactor() {
      @Override
      public byte[] redactTranscript(byte[] jsonl) {
        return new String(jsonl, java.nio.charset.StandardCharsets.UTF_8)
            .replace("sk-SECRET", "REDACTED").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }

      @Override
      public String redactText(String text) {
        return text.replace("sk-SECRET", "REDACTED");
      }
    };
    JGitCheckpointStore redacting = TestRepos.store(repository).redactor(redactor).build();
    SessionSummary summary = new SessionSummary("use sk-SECRET", "sk-SECRET",
        new Learnings(List.of("sk-SECRET"), List.of(new CodeLearning("p/sk-SECRET", 1, 2,
            "sk-SECRET")), List.of("sk-SECRET")), List.of("sk-SECRET"), List.of("sk-SECRET"));

    redacting.write(WriteRequest.builder(ID, SESSION_A)
        .transcript(Transcript.ofUtf8("{\"key\":\"sk-SECRET\"}\n")).prompts(List.of("sk-SECRET"))
        .summary(summary).build());
    redacting.update(new UpdateRequest(ID, SESSION_A,
        Transcript.ofUtf8("{\"key\":\"sk-SECRET\",\"n\":2}\n"), List.of("again sk-SECRET")));
    redacting.updateSessionSummary(ID, summary);

    Map<String, String> files = RefTrees.files(repository, REF);
    assertThat(files.get("a3/b2c4d5e6f7/0/full.jsonl"))
        .isEqualTo("{\"key\":\"REDACTED\",\"n\":2}\n");
    assertThat(files.get("a3/b2c4d5e6f7/0/prompt.txt")).isEqualTo("again REDACTED");
    String metadata = files.get("a3/b2c4d5e6f7/0/metadata.json");
    assertThat(metadata).doesNotContain("\"sk-SECRET\"").contains("\"path\": \"p/sk-SECRET\"");
  }

  @Test
  void aStoreBuiltWithoutARedactorOptionRedactsWellKnownSecretsByDefault() {
    JGitCheckpointStore defaults = JGitCheckpointStore.builder(repository).build();
    String awsKey = "AKIA" + "IOSFODNN7EXAMPLE";

    defaults.write(WriteRequest.builder(ID, SESSION_A)
        .transcript(Transcript.ofUtf8("{\"id\":\"toolu_01\",\"text\":\"key " + awsKey + "\"}\n"))
        .prompts(List.of("deploy with " + awsKey)).build());

    Map<String, String> files = RefTrees.files(repository, REF);
    assertThat(files.get("a3/b2c4d5e6f7/0/full.jsonl"))
        .isEqualTo("{\"id\":\"toolu_01\",\"text\":\"key REDACTED\"}\n");
    assertThat(files.get("a3/b2c4d5e6f7/0/prompt.txt")).isEqualTo("deploy with REDACTED");
  }

  @Test
  void treesAreInCanonicalGitOrder() throws Exception {
    store.write(WriteRequest.builder(CheckpointId.parse("a3b2c4d5e6f7"), SESSION_A).build());
    store.write(WriteRequest.builder(CheckpointId.parse("a3b2c4d5e6f8"), SESSION_A).build());
    store.write(WriteRequest.builder(CheckpointId.parse("a300000000ff"), SESSION_A).build());
    for (int i = 0; i < 11; i++) {
      store.write(WriteRequest.builder(ID, AgentSessionId.of("s" + i)).build());
    }

    assertThat(V1Fixtures.fsckProblems(repository)).isEmpty();
    assertThat(RefTrees.files(repository, REF).keySet()).contains(
        "a3/b2c4d5e6f7/10/metadata.json", "a3/b2c4d5e6f7/1/metadata.json");
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static ObjectId emptyTree() {
    return ObjectId.fromString("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
  }
}
