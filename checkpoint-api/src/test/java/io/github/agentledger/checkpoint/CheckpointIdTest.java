package io.github.agentledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointIdTest {

  @Test
  void parsesTwelveLowercaseHexAndSplitsTheShardedPath() {
    CheckpointId id = CheckpointId.parse("a3b2c4d5e6f7");

    assertThat(id.shard()).isEqualTo("a3");
    assertThat(id.rest()).isEqualTo("b2c4d5e6f7");
    assertThat(id.shardedPath()).isEqualTo("a3/b2c4d5e6f7");
    assertThat(id).hasToString("a3b2c4d5e6f7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a3b2c4d5e6f", "a3b2c4d5e6f70", "A3B2C4D5E6F7", "g3b2c4d5e6f7",
      " a3b2c4d5e6f", "a3b2c4d5e6f\n", "../../../etc", "a3/b2c4d5e6f"})
  void rejectsAnythingElseNamingTheValue(String text) {
    assertThatThrownBy(() -> CheckpointId.parse(text))
        .isInstanceOfSatisfying(InvalidCheckpointIdException.class,
            e -> assertThat(e.rejected()).isEqualTo(text))
        .hasMessageContaining("\"" + text + "\"");
    assertThat(CheckpointId.isValid(text)).isFalse();
  }

  @Test
  void generatedIdsAreValidAndUseAll48Bits() {
    SplittableRandom random = new SplittableRandom(3);
    boolean sawHighNibble = false;
    for (int i = 0; i < 500; i++) {
      CheckpointId id = CheckpointId.generate(random);
      assertThat(CheckpointId.isValid(id.value())).isTrue();
      sawHighNibble |= id.value().charAt(0) >= '8';
    }
    assertThat(sawHighNibble).isTrue();
  }

  @Test
  void generationFollowsTheRandomSource() {
    assertThat(CheckpointId.generate(new SplittableRandom(9)))
        .isEqualTo(CheckpointId.generate(new SplittableRandom(9)));
  }

  @Test
  void sessionIdsRejectPathSeparatorsAndEmptiness() {
    assertThat(AgentSessionId.of("2025-12-01-uuid").value()).isEqualTo("2025-12-01-uuid");
    for (String bad : new String[] {"", "a/b", "a\\b", "../x"}) {
      assertThatThrownBy(() -> AgentSessionId.of(bad))
          .isInstanceOf(InvalidCheckpointRequestException.class)
          .hasMessageContaining("sessionId");
    }
  }

  @Test
  void commitIdsAreFortyHexCharactersStoredLowercase() {
    assertThat(CommitId.parse("ABCDEF0123456789abcdef0123456789ABCDEF01").value())
        .isEqualTo("abcdef0123456789abcdef0123456789abcdef01");
    assertThatThrownBy(() -> CommitId.parse("abc"))
        .isInstanceOf(InvalidCheckpointRequestException.class).hasMessageContaining("abc");
  }
}
