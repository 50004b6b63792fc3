package io.github.agentledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenerationMetadataTest {
  private static final CheckpointId A = CheckpointId.parse("a3b2c4d5e6f7");
  private static final CheckpointId B = CheckpointId.parse("0123456789ab");
  private static final Instant T1 = Instant.parse("2026-01-02T03:04:05Z");
  private static final Instant T2 = Instant.parse("2026-01-05T06:07:08Z");

  @Test
  void aSeedHasNoCheckpointAndNoTimes() {
    GenerationMetadata seed = GenerationMetadata.seed();
    assertThat(seed.checkpoints()).isEmpty();
    assertThat(seed.oldestCheckpointAt()).isEmpty();
    assertThat(seed.newestCheckpointAt()).isEmpty();
  }

  @Test
  void addingCheckpointsMovesTheNewestTimeAndKeepsTheOldest() {
    GenerationMetadata g = GenerationMetadata.seed().withCheckpoint(A, T1).withCheckpoint(B, T2);

    assertThat(g.checkpoints()).containsExactly(A, B);
    assertThat(g.oldestCheckpointAt()).contains(T1);
    assertThat(g.newestCheckpointAt()).contains(T2);
  }

  @Test
  void aKnownIdChangesNothing() {
    GenerationMetadata g = GenerationMetadata.seed().withCheckpoint(A, T1);

    assertThat(g.withCheckpoint(A, T2)).isSameAs(g);
  }

  @Test
  void duplicatesAreRejected() {
    assertThatThrownBy(() -> new GenerationMetadata(List.of(A, A), Optional.empty(),
        Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(
            A.value());
  }
}
