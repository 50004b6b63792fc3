package io.github.agentledger.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointTrailerTest {
  private static final CheckpointId A = CheckpointId.parse("a3b2c4d5e6f7");
  private static final CheckpointId B = CheckpointId.parse("0123456789ab");

  @Test
  void appendsAfterABlankLineWhenTheMessageHasNoTrailerBlock() {
    assertThat(CheckpointTrailer.append("Fix login\n\nLonger body.\n", A))
        .isEqualTo("Fix login\n\nLonger body.\n\nEntire-Checkpoint: a3b2c4d5e6f7\n");
    assertThat(CheckpointTrailer.append("Fix login", A))
        .isEqualTo("Fix login\n\nEntire-Checkpoint: a3b2c4d5e6f7\n");
  }

  @Test
  void joinsAnExistingTrailerParagraph() {
    assertThat(CheckpointTrailer.append("Fix\n\nSigned-off-by: Ada <a@x>\n", A))
        .isEqualTo("Fix\n\nSigned-off-by: Ada <a@x>\nEntire-Checkpoint: a3b2c4d5e6f7\n");
  }

  @Test
  void ignoresCommentLinesWhenLookingForTheTrailerParagraph() {
    assertThat(CheckpointTrailer.append("Fix\n\nSigned-off-by: Ada <a@x>\n# comment\n", A))
        .isEqualTo("Fix\n\nSigned-off-by: Ada <a@x>\n# comment\nEntire-Checkpoint: a3b2c4d5e6f7\n");
  }

  @Test
  void aSubjectThatLooksLikeATrailerIsNotATrailerBlock() {
    assertThat(CheckpointTrailer.append("Fix: login\n", A))
        .isEqualTo("Fix: login\n\nEntire-Checkpoint: a3b2c4d5e6f7\n");
    assertThat(CheckpointTrailer.append("Subject\n\nnot a trailer\nKey: value\n", A))
        .isEqualTo("Subject\n\nnot a trailer\nKey: value\n\nEntire-Checkpoint: a3b2c4d5e6f7\n");
  }

  @Test
  void parsesEveryTrailerOnceInOrder() {
    String message = "Squash\n\nEntire-Checkpoint: 0123456789ab\nEntire-Checkpoint: a3b2c4d5e6f7\n"
        + "Entire-Checkpoint: 0123456789ab";

    assertThat(CheckpointTrailer.parseAll(message)).containsExactly(B, A);
  }

  @Test
  void parsingRequiresExactlyTwelveHexFollowedBySpaceOrEnd() {
    assertThat(CheckpointTrailer.parseAll("Entire-Checkpoint: a3b2c4d5e6f7a\n")).isEmpty();
    assertThat(CheckpointTrailer.parseAll("Entire-Checkpoint: A3B2C4D5E6F7\n")).isEmpty();
    assertThat(CheckpointTrailer.parseAll("Entire-Checkpoint:a3b2c4d5e6f7")).containsExactly(A);
    assertThat(CheckpointTrailer.parseAll("Entire-Checkpoint:\ta3b2c4d5e6f7 trailing"))
        .containsExactly(A);
    assertThat(CheckpointTrailer.parseAll("no trailer")).isEmpty();
  }

  @Test
  void appendedTrailersParseBack() {
    String message = CheckpointTrailer.append(CheckpointTrailer.append("Fix", A), B);

    assertThat(message).isEqualTo(
        "Fix\n\nEntire-Checkpoint: a3b2c4d5e6f7\nEntire-Checkpoint: 0123456789ab\n");
    assertThat(CheckpointTrailer.parseAll(message)).containsExactly(A, B);
  }

  private static final CheckpointId U = CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN");

  @Test
  void parsesAndAppendsUlidTrailersBesideHexOnes() {
    String message = CheckpointTrailer.append(CheckpointTrailer.append("Fix", A), U);

    assertThat(message).isEqualTo(
        "Fix\n\nEntire-Checkpoint: a3b2c4d5e6f7\nEntire-Checkpoint: 01KVBJCWYA4YW6J5M9GP655HZN\n");
    assertThat(CheckpointTrailer.parseAll(message)).containsExactly(A, U);
  }

  @Test
  void ulidTrailersFollowTheStrictIdRules() {
    assertThat(CheckpointTrailer.parseAll("Entire-Checkpoint: 01kvbjcwya4yw6j5m9gp655hzn\n"))
        .isEmpty();
    assertThat(CheckpointTrailer.parseAll("Entire-Checkpoint: 81KVBJCWYA4YW6J5M9GP655HZN\n"))
        .isEmpty();
    assertThat(CheckpointTrailer.parseAll("Entire-Checkpoint: 01KVBJCWYA4YW6J5M9GP655HZNX\n"))
        .isEmpty();
    assertThat(CheckpointTrailer.parseAll("* x\nEntire-Checkpoint: 01KVBJCWYA4YW6J5M9GP655HZN"))
        .containsExactly(U);
  }
}
