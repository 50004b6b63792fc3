package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

/** Readers accept every variant the spec lists (Decisions 3, §5.2, §10). */
class V1ReaderToleranceTest {
  private static final CheckpointId ID = CheckpointId.parse("a3b2c4d5e6f7");
  private static final CheckpointId CHUNKED = CheckpointId.parse("b0b0b0b0b0b0");

  private final Repository repository = TestRepos.inMemory();
  private final JGitCheckpointStore store = TestRepos.store(repository).build();

  private static Map<String, String> oldStyleCheckpoint() {
    Map<String, String> files = new TreeMap<>();
    files.put("vercel.json", "{\"git\":{\"deploymentEnabled\":{\"entire/**\":false}}}\n");
    files.put("generation.json", "{\"oldest_checkpoint_at\":\"2026-01-02T03:04:05Z\"}\n");
    files.put("zz/not-an-id/metadata.json", "{}");
    files.put("a3/README", "a file inside a shard");
    files.put("a3/b2c4d5e6f7/metadata.json", "{\"checkpoint_id\":\"a3b2c4d5e6f7\","
        + "\"strategy\":\"auto-commit\",\"checkpoints_count\":2,\"files_touched\":null,"
        + "\"sessions\":[{\"metadata\":\"/a3/b2c4d5e6f7/0/metadata.json\","
        + "\"transcript\":\"/a3/b2c4d5e6f7/0/full.log\",\"prompt\":\"\"},"
        + "{\"metadata\":\"/a3/b2c4d5e6f7/1/metadata.json\",\"prompt\":\"\"}],"
        + "\"has_investigation\":true,\"some_future_object\":{\"x\":[1,2]}}");
    files.put("a3/b2c4d5e6f7/0/metadata.json", "{\"checkpoint_id\":\"a3b2c4d5e6f7\","
        + "\"session_id\":\"2025-12-01-uuid\",\"strategy\":\"auto-commit\","
        + "\"created_at\":\"2026-01-02T05:04:05.25+02:00\",\"checkpoints_count\":2,"
        + "\"files_touched\":null,\"transcript_lines_at_start\":7,\"save_step_count\":3,"
        + "\"skill_events\":[{\"k\":\"v\"}],\"prompt_attributions\":[{\"p\":1}]}");
    files.put("a3/b2c4d5e6f7/0/full.log", "{\"legacy\":true}\n");
    files.put("a3/b2c4d5e6f7/0/tasks/toolu_1/checkpoint.json", "{}");
    files.put("a3/b2c4d5e6f7/1/metadata.json", "{\"checkpoint_id\":\"a3b2c4d5e6f7\","
        + "\"session_id\":\"second\",\"strategy\":\"manual-commit\","
        + "\"created_at\":\"2026-01-03T00:00:00Z\",\"checkpoints_count\":0,\"model\":\"m\"}");
    files.put("b0/b0b0b0b0b0/metadata.json", "{\"checkpoint_id\":\"b0b0b0b0b0b0\","
        + "\"strategy\":\"manual-commit\",\"checkpoints_count\":0,\"files_touched\":[],"
        + "\"sessions\":[{\"metadata\":\"/b0/b0b0b0b0b0/0/metadata.json\",\"prompt\":\"\"}]}");
    files.put("b0/b0b0b0b0b0/0/metadata.json", "{\"checkpoint_id\":\"b0b0b0b0b0b0\","
        + "\"session_id\":\"s\",\"strategy\":\"manual-commit\","
        + "\"created_at\":\"2025-01-01T00:00:00Z\",\"checkpoints_count\":0,\"model\":\"\"}");
    files.put("b0/b0b0b0b0b0/0/full.jsonl", "{\"c\":0}");
    files.put("b0/b0b0b0b0b0/0/full.jsonl.002", "{\"c\":2}");
    files.put("b0/b0b0b0b0b0/0/full.jsonl.003", "{\"c\":3}\n");
    files.put("b0/b0b0b0b0b0/0/full.jsonl.001", "{\"c\":1}");
    return files;
  }

  @Test
  void readsFromTheRemoteTrackingBranchWhenTheLocalOneIsMissing() {
    V1Fixtures.commitFiles(repository, RefNames.V1_REMOTE_TRACKING, oldStyleCheckpoint());

    CheckpointSummary summary = store.readSummary(ID).orElseThrow();

    assertThat(summary.filesTouched()).isEmpty();
    assertThat(summary.tokenUsage()).isEmpty();
    assertThat(summary.strategy()).isEqualTo("auto-commit");
    assertThat(summary.sessions()).hasSize(2);
    assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
        .containsExactly(ID, CHUNKED);
  }

  @Test
  void readsLegacyFullLogUnknownKeysNullFilesAndTheDeprecatedStartField() {
    V1Fixtures.commitFiles(repository, RefNames.V1_REMOTE_TRACKING, oldStyleCheckpoint());

    SessionContent content = store.readSession(ID, 0).orElseThrow();

    assertThat(content.transcript().utf8()).isEqualTo("{\"legacy\":true}\n");
    assertThat(content.prompts()).isEmpty();
    assertThat(content.metadata().sessionId()).isEqualTo(AgentSessionId.of("2025-12-01-uuid"));
    assertThat(content.metadata().filesTouched()).isEmpty();
    assertThat(content.metadata().tokenUsage()).isEmpty();
    assertThat(content.metadata().model()).isEmpty();
    assertThat(content.metadata().transcriptStart()).isEqualTo(7);
    assertThat(content.metadata().createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.25Z"));
    SessionContent second = store.readLatestSession(ID).orElseThrow();
    assertThat(second.sessionIndex()).isEqualTo(1);
    assertThat(second.transcript().isEmpty()).isTrue();
    assertThat(store.readSession(ID, AgentSessionId.of("second")).orElseThrow().sessionIndex())
        .isEqualTo(1);
  }

  @Test
  void numberedChunksAreJoinedInNumericOrderAfterTheBaseFile() {
    V1Fixtures.commitFiles(repository, RefNames.V1_REMOTE_TRACKING, oldStyleCheckpoint());

    assertThat(store.readSession(CHUNKED, 0).orElseThrow().transcript().utf8())
        .isEqualTo("{\"c\":0}\n{\"c\":1}\n{\"c\":2}\n{\"c\":3}\n");
  }

  @Test
  void listingSkipsRootFilesAndNamesThatAreNotIds() {
    V1Fixtures.commitFiles(repository, RefNames.V1_BRANCH, oldStyleCheckpoint());

    CheckpointListEntry first = store.list().get(0);
    assertThat(store.list()).hasSize(2);
    assertThat(first.checkpointId()).isEqualTo(ID);
    assertThat(first.latestSessionId()).contains(AgentSessionId.of("second"));
    assertThat(first.createdAt()).contains(Instant.parse("2026-01-03T00:00:00Z"));
  }

  @Test
  void writesKeepExtraRootFilesAndSiblingCheckpointsUntouched() {
    V1Fixtures.commitFiles(repository, RefNames.V1_BRANCH, oldStyleCheckpoint());
    Map<String, String> before = RefTrees.files(repository, RefNames.V1_BRANCH);

    store.write(WriteRequest.builder(CheckpointId.parse("a3aaaaaaaaaa"),
        AgentSessionId.of("new")).build());

    Map<String, String> after = RefTrees.files(repository, RefNames.V1_BRANCH);
    before.forEach((path, content) -> assertThat(after).containsEntry(path, content));
  }

  @Test
  void aFirstWriteBuildsOnTheRemoteTrackingBranchNotAnOrphan() {
    V1Fixtures.commitFiles(repository, RefNames.V1_REMOTE_TRACKING, oldStyleCheckpoint());
    Map<String, String> remote = RefTrees.files(repository, RefNames.V1_REMOTE_TRACKING);

    store.write(WriteRequest.builder(CheckpointId.parse("cccccccccccc"),
        AgentSessionId.of("local")).build());

    Map<String, String> local = RefTrees.files(repository, RefNames.V1_BRANCH);
    assertThat(local).containsAllEntriesOf(remote);
    assertThat(local.keySet()).anyMatch(path -> path.startsWith("cc/"));
    assertThat(store.readSummary(ID)).isPresent();
  }
}
