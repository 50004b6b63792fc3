package io.github.agentledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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

  @Test
  void aLegacyIdIsOfTheHexKindWithoutTimeAndShardsOnItsLastTwoForRefs() {
    CheckpointId id = CheckpointId.parse("a3b2c4d5e6f7");

    assertThat(id.kind()).isEqualTo(CheckpointId.Kind.LEGACY_HEX);
    assertThat(id.ulidTime()).isEmpty();
    assertThat(id.refShard()).isEqualTo("f7");
  }

  @Test
  void aUlidIsOfTheUlidKindAndCarriesItsMillisecondTime() {
    // The first ten characters are the time: 10 x 5 bits of Unix milliseconds.
    CheckpointId id = CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN");

    assertThat(id.kind()).isEqualTo(CheckpointId.Kind.ULID);
    assertThat(id.refShard()).isEqualTo("ZN");
    assertThat(id.ulidTime()).contains(Instant.ofEpochMilli(decodeByHand("01KVBJCWYA")));
    assertThat(CheckpointId.parse("00000000000000000000000000").ulidTime())
        .contains(Instant.EPOCH);
    assertThat(CheckpointId.parse("7ZZZZZZZZZZZZZZZZZZZZZZZZZ").ulidTime())
        .contains(Instant.ofEpochMilli((1L << 48) - 1));
  }

  @Test
  void tryParseAnswersEmptyInsteadOfThrowing() {
    assertThat(CheckpointId.tryParse("01KVBJCWYA4YW6J5M9GP655HZN")).isPresent();
    assertThat(CheckpointId.tryParse("01kvbjcwya4yw6j5m9gp655hzn")).isEmpty();
    assertThat(CheckpointId.tryParse(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "01kvbjcwya4yw6j5m9gp655hzn", // lower case: not the canonical spelling
      "01KVBJCWYA4YW6J5M9GP655Hzn", // mixed case
      "81KVBJCWYA4YW6J5M9GP655HZN", // first character above 7: time overflows 48 bits
      "01KVBJCWYA4YW6J5M9GP655HZI", // I is a Crockford alias, never emitted
      "01KVBJCWYA4YW6J5M9GP655HZL", "01KVBJCWYA4YW6J5M9GP655HZO", "01KVBJCWYA4YW6J5M9GP655HZU",
      "01KVBJCWYA4YW6J5M9GP655HZ", "01KVBJCWYA4YW6J5M9GP655HZNN", "01KVBJCWYA4YW6J5M9GP655HZ-",
      "01KVBJCWYA4YW6J5M9GP655HZ\u00e9"})
  void rejectsMalformedUlidsNamingTheValue(String text) {
    assertThatThrownBy(() -> CheckpointId.parse(text))
        .isInstanceOfSatisfying(InvalidCheckpointIdException.class,
            e -> assertThat(e.rejected()).isEqualTo(text))
        .hasMessageContaining("\"" + text + "\"")
        .hasMessageContaining("ULID");
    assertThat(CheckpointId.isValid(text)).isFalse();
  }

  @Test
  void ulidsOrderByTimeAsText() {
    assertThat(CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN"))
        .isLessThan(CheckpointId.parse("01KVBJCWYB0000000000000000"));
  }

  private static long decodeByHand(String tenChars) {
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    long value = 0;
    for (char c : tenChars.toCharArray()) {
      value = value * 32 + alphabet.indexOf(c);
    }
    return value;
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
