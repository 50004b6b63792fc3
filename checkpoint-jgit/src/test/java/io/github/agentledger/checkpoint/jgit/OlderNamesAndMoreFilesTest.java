package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.jgit.redact.FakeSecrets;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.ContentHashCheck;
import io.github.agentledger.checkpoint.Learnings;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.SessionSummary;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Older key names and more files (issue 13 item 4, spec §14): {@code steps_count},
 * {@code transcript_uuid_at_start}, {@code transcript_path}, {@code agents},
 * {@code migration_source_commit}, {@code context.md}, and the stored content hash.
 */
class OlderNamesAndMoreFilesTest {
  static final String ID = "01d0a1e5f00d";
  static final CheckpointId CP = CheckpointId.parse(ID);

  @TempDir Path temp;
  private Repository repository;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  @AfterEach
  void close() {
    if (repository != null) {
      repository.close();
    }
  }

  private JGitCheckpointStore store(EntireBranch branch) {
    repository = branch.open();
    return TestRepos.store(repository).build();
  }

  @Test
  void olderNamesReadAsTheNewerOnes() {
    EntireBranch branch = EntireBranch.v1(temp);
    branch.checkpoint(ID).slots(0, 1).legacyNames(0)
        .sessionKey(1, "steps_count", "99").sessionKey(1, "transcript_uuid_at_start", "\"old\"")
        .commit();
    JGitCheckpointStore store = store(branch);

    SessionMetadata old = store.readSession(CP, 0).orElseThrow().metadata();
    assertThat(old.checkpointsCount()).isEqualTo(1);
    assertThat(old.transcriptIdentifierAtStart()).isEqualTo("uuid-0");
    SessionMetadata both = store.readSession(CP, 1).orElseThrow().metadata();
    assertThat(both.checkpointsCount()).as("the newer key wins").isEqualTo(2);
    assertThat(both.transcriptIdentifierAtStart()).isEqualTo("uuid-1");
  }

  @Test
  void transcriptPathAgentsAndMigrationSourceAreExposed() {
    EntireBranch branch = EntireBranch.v1(temp);
    branch.checkpoint(ID).slots(0)
        .sessionKey(0, "transcript_path", "\"/home/me/.claude/projects/p/s-0.jsonl\"")
        .sessionKey(0, "agents", "[\"claude-code\", \"codex\"]")
        .summaryKey("migration_source_commit", "\"8d3c2a1b0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c\"")
        .commit();
    JGitCheckpointStore store = store(branch);

    SessionMetadata metadata = store.readSession(CP, 0).orElseThrow().metadata();
    assertThat(metadata.transcriptPath()).isEqualTo("/home/me/.claude/projects/p/s-0.jsonl");
    assertThat(metadata.agents()).containsExactly("claude-code", "codex");
    assertThat(store.readSummary(CP).orElseThrow().migrationSourceCommit())
        .isEqualTo("8d3c2a1b0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c");
  }

  @Test
  void contextMdIsReadWithItsSummaryPath() {
    EntireBranch branch = EntireBranch.v1(temp);
    branch.checkpoint(ID).slots(0, 1).context(1).commit();
    JGitCheckpointStore store = store(branch);

    assertThat(store.readSession(CP, 0).orElseThrow().context()).isEmpty();
    assertThat(store.readSession(CP, 1).orElseThrow().context())
        .contains("# Session Context\n\nslot 1 of " + ID + "\n");
    List<SessionPaths> paths = store.readSummary(CP).orElseThrow().sessions();
    assertThat(paths.get(0).context()).isEmpty();
    assertThat(paths.get(1).context()).isEqualTo("/01/d0a1e5f00d/1/context.md");
  }

  @Test
  void contextMdIsWrittenRedactedWithTheSummaryPathWhereUpstreamPutsIt() {
    EntireBranch branch = EntireBranch.v1(temp);
    branch.checkpoint(ID).slots(0).commit();
    JGitCheckpointStore store = store(branch);
    String secret = FakeSecrets.openAiKey();

    int slot = store.write(RealSlotsTest.request(ID, "writer")
        .context("# Session Context\n\nkey " + secret + "\n").build());

    assertThat(slot).isEqualTo(1);
    String stored = branch.text(branch.ref(), "01/d0a1e5f00d/1/context.md");
    assertThat(stored).startsWith("# Session Context").doesNotContain(secret);
    assertThat(store.readSession(CP, 1).orElseThrow().context()).contains(stored + "\n");
    String summary = branch.text(branch.ref(), "01/d0a1e5f00d/metadata.json");
    assertThat(summary).contains("\"transcript\": \"/01/d0a1e5f00d/1/full.jsonl\",\n"
        + "      \"context\": \"/01/d0a1e5f00d/1/context.md\",\n"
        + "      \"content_hash\": \"/01/d0a1e5f00d/1/content_hash.txt\"");
  }

  @Test
  void theStoredContentHashIsExposedAndAMismatchIsReportedNotRepaired() {
    EntireBranch branch = EntireBranch.v1(temp);
    branch.checkpoint(ID).slots(0, 1).contentHash(1, "sha256:0123456789abcdef").commit();
    String storedBefore = branch.text(branch.ref(), "01/d0a1e5f00d/1/content_hash.txt");
    JGitCheckpointStore store = store(branch);

    SessionContent good = store.readSession(CP, 0).orElseThrow();
    assertThat(good.contentHash()).contains(FixtureLayouts.sha256(
        EntireBranch.transcript(ID, 0)));
    assertThat(good.verifyContentHash()).isEqualTo(new ContentHashCheck.Matches(
        FixtureLayouts.sha256(EntireBranch.transcript(ID, 0))));
    SessionContent bad = store.readSession(CP, 1).orElseThrow();
    assertThat(bad.verifyContentHash()).isEqualTo(new ContentHashCheck.Mismatch(
        "sha256:0123456789abcdef", FixtureLayouts.sha256(EntireBranch.transcript(ID, 1))));
    store.readSummary(CP);
    store.list();
    assertThat(branch.text(branch.ref(), "01/d0a1e5f00d/1/content_hash.txt"))
        .isEqualTo(storedBefore);
  }

  @Test
  void aSummaryUpdateKeepsTheOffsetCreatedAtTextAndUnknownKeys() {
    EntireBranch branch = EntireBranch.v1(temp);
    branch.checkpoint(ID).slots(0).createdAt(0, "2026-02-15T20:37:45+11:00")
        .sessionKey(0, "agents", "[\"claude-code\"]").legacyNames(0).commit();
    JGitCheckpointStore store = store(branch);

    store.updateSessionSummary(CP, new SessionSummary("i", "o",
        new Learnings(List.of(), List.of(), List.of()), List.of(), List.of()));

    String after = branch.text(branch.ref(), "01/d0a1e5f00d/0/metadata.json");
    assertThat(after).contains("\"created_at\": \"2026-02-15T20:37:45+11:00\"")
        .contains("\"steps_count\": 1").contains("\"transcript_uuid_at_start\": \"uuid-0\"")
        .contains("\"agents\": [\n    \"claude-code\"\n  ]").contains("\"summary\": {");
    CheckpointSummary summary = store.readSummary(CP).orElseThrow();
    assertThat(summary.sessions()).hasSize(1);
    assertThat(store.readSession(CP, AgentSessionId.of("s-0")).orElseThrow().metadata()
        .createdAt()).isEqualTo(java.time.Instant.parse("2026-02-15T09:37:45Z"));
  }
}
