package io.github.agentledger.checkpoint.jgit.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.jgit.TestRepos;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.GenerationJson;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;

/** The semantic merge of two generation.json files of one generation. */
class GenerationMergeTest {
  private static final CheckpointId A = CheckpointId.parse("aaaaaaaaaaaa");
  private static final CheckpointId B = CheckpointId.parse("bbbbbbbbbbbb");
  private static final CheckpointId C = CheckpointId.parse("cccccccccccc");
  private static final Instant T1 = Instant.parse("2026-05-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-05-02T10:00:00Z");
  private static final Instant T3 = Instant.parse("2026-05-03T10:00:00.5Z");

  @Test
  void idsAreUnitedTheirsFirstAndTheTimeSpanCoversBoth() {
    GenerationMetadata theirs = new GenerationMetadata(List.of(A, B), Optional.of(T2),
        Optional.of(T2));
    GenerationMetadata ours = new GenerationMetadata(List.of(B, C), Optional.of(T1),
        Optional.of(T3));

    GenerationMetadata merged = GenerationMerge.merge(ours, theirs);

    assertThat(merged.checkpoints()).containsExactly(A, B, C);
    assertThat(merged.oldestCheckpointAt()).contains(T1);
    assertThat(merged.newestCheckpointAt()).contains(T3);
  }

  @Test
  void aSeedGenerationAddsNothingButKeepsTheOtherSpan() {
    GenerationMetadata theirs = new GenerationMetadata(List.of(A), Optional.of(T1),
        Optional.of(T2));

    GenerationMetadata merged = GenerationMerge.merge(GenerationMetadata.seed(), theirs);

    assertThat(merged).isEqualTo(theirs);
  }

  @Test
  void blobsAreMergedAndAnUnreadableSideIsIgnored() throws Exception {
    try (InMemoryRepository repository = TestRepos.inMemory();
        ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      ObjectId ours = Blobs.insert(inserter, GenerationJson.encode(
          new GenerationMetadata(List.of(C), Optional.of(T3), Optional.of(T3))));
      ObjectId theirs = Blobs.insert(inserter, GenerationJson.encode(
          new GenerationMetadata(List.of(A), Optional.of(T1), Optional.of(T1))));
      ObjectId corrupt = Blobs.insert(inserter, "{\"checkpoints\": [\"nope\"]}\n".getBytes(UTF_8));

      ObjectId merged = GenerationMerge.merge(reader, inserter, ours, theirs);

      GenerationMetadata decoded = GenerationJson.decode(Blobs.read(reader, merged), "merged");
      assertThat(decoded.checkpoints()).containsExactly(A, C);
      assertThat(decoded.oldestCheckpointAt()).contains(T1);
      assertThat(decoded.newestCheckpointAt()).contains(T3);
      assertThat(GenerationMerge.merge(reader, inserter, corrupt, theirs)).isEqualTo(theirs);
      assertThat(GenerationMerge.merge(reader, inserter, ours, corrupt)).isEqualTo(ours);
    }
  }
}
