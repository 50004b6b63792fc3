package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {
  @Test
  void rejectsOverlongSurrogateTooHighAndTruncatedForms() {
    assertThat(invalidAt(0xC0, 0x80)).isZero();
    assertThat(invalidAt(0xE0, 0x80, 0x80)).isZero();
    assertThat(invalidAt(0xED, 0xA0, 0x80)).isZero();
    assertThat(invalidAt(0xF4, 0x90, 0x80, 0x80)).isZero();
    assertThat(invalidAt(0xF5, 0x80, 0x80, 0x80)).isZero();
    assertThat(invalidAt('a', 'b', 0xE2, 0x82)).isEqualTo(2);
    assertThat(invalidAt(0x80)).isZero();
  }

  @Test
  void acceptsEveryWellFormedWidth() {
    byte[] ok = "a é € 😀 中文 plain ascii text".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8Validator.firstInvalid(ok, 0, ok.length)).isEqualTo(-1);
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomBytes() {
    SplittableRandom random = new SplittableRandom(42);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[random.nextInt(1, 24)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
            : (byte) random.nextInt(0x20, 0x7F);
      }
      boolean jdkValid = jdkAccepts(bytes);
      assertThat(Utf8Validator.firstInvalid(bytes, 0, bytes.length) < 0)
          .as("round %d", round).isEqualTo(jdkValid);
    }
  }

  private static int invalidAt(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return Utf8Validator.firstInvalid(bytes, 0, bytes.length);
  }

  private static boolean jdkAccepts(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
