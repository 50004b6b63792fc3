package io.github.agentledger.checkpoint.jgit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.GenerationMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenerationJsonTest {
  private static final CheckpointId A = CheckpointId.parse("a3b2c4d5e6f7");

  @Test
  void seedAndFilledGenerationsEncodeInTheSeedDesignShape() {
    assertThat(new String(GenerationJson.encode(GenerationMetadata.seed()),
        StandardCharsets.UTF_8)).isEqualTo("{\n  \"checkpoints\": []\n}\n");
    GenerationMetadata one = GenerationMetadata.seed()
        .withCheckpoint(A, Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(new String(GenerationJson.encode(one), StandardCharsets.UTF_8)).isEqualTo(
        "{\n  \"checkpoints\": [\n    \"a3b2c4d5e6f7\"\n  ],\n"
            + "  \"oldest_checkpoint_at\": \"2026-01-02T03:04:05Z\",\n"
            + "  \"newest_checkpoint_at\": \"2026-01-02T03:04:05Z\"\n}\n");
    assertThat(GenerationJson.decode(GenerationJson.encode(one), "g")).isEqualTo(one);
  }

  @Test
  void readsTheLaterUpstreamShapeWithoutCheckpointsAndIgnoresUnknownKeys() {
    GenerationMetadata g = GenerationJson.decode(("{\"oldest_checkpoint_at\":"
        + "\"2026-01-02T03:04:05Z\",\"newest_checkpoint_at\":\"2026-01-05T06:07:08Z\","
        + "\"extra\":1}").getBytes(StandardCharsets.UTF_8), "g");

    assertThat(g.checkpoints()).isEmpty();
    assertThat(g.newestCheckpointAt()).contains(Instant.parse("2026-01-05T06:07:08Z"));
  }

  @Test
  void invalidIdsAreCorruption() {
    assertThatThrownBy(() -> GenerationJson.decode(
        "{\"checkpoints\":[\"nope\"]}".getBytes(StandardCharsets.UTF_8), "ref:generation.json"))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("ref:generation.json").hasMessageContaining("nope");
  }
}
