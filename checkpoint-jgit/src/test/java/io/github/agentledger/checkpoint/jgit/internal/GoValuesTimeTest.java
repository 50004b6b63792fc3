package io.github.agentledger.checkpoint.jgit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GoValues#parseTime} reads the common RFC 3339 form by hand; these tests hold it to
 * exactly what {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} answers for the same text, on
 * hand-picked edges and on texts generated near that form.
 */
class GoValuesTimeTest {
  /** What the formatter alone answers: the instant, or null when it rejects the text. */
  private static Instant formatter(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void agrees(String text) {
    Instant expected = formatter(text);
    if (expected == null) {
      assertThatThrownBy(() -> GoValues.parseTime(text)).as(text)
          .isInstanceOf(DateTimeParseException.class);
    } else {
      assertThat(GoValues.parseTime(text)).as(text).isEqualTo(expected);
    }
  }

  @Test
  void theFormsWritersUseAreReadWithTheirOffsetsAndFractions() {
    assertThat(GoValues.parseTime("2026-05-01T12:00:00.5+02:00"))
        .isEqualTo(Instant.parse("2026-05-01T10:00:00.5Z"));
    assertThat(GoValues.parseTime("2026-05-01T10:00:00Z"))
        .isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
    assertThat(GoValues.parseTime("2026-05-01T10:00:00.123456789Z"))
        .isEqualTo(Instant.parse("2026-05-01T10:00:00.123456789Z"));
    assertThat(GoValues.parseTime("2026-05-01T01:00:00.000001-07:30"))
        .isEqualTo(Instant.parse("2026-05-01T08:30:00.000001Z"));
    assertThat(GoValues.parseTime("0001-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
  }

  @Test
  void edgesAgreeWithTheFormatter() {
    String[] texts = {
        "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-31T23:59:59.999999999Z",
        "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z",
        "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00z",
        "2026-01-01t00:00:00Z", "2026-01-01T00:00Z", "2026-01-01T00:00:00+18:00",
        "2026-01-01T00:00:00-18:00", "2026-01-01T00:00:00+18:01", "2026-01-01T00:00:00+17:59",
        "2026-01-01T00:00:00-00:00", "2026-01-01T00:00:00+0200", "2026-01-01T00:00:00+02",
        "2026-01-01T00:00:00+02:00:30", "2026-01-01T00:00:00+02:60", "+12026-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z", "2026-01-01T00:00:00", "2026-01-01T00:00:00ZZ",
        "2026-01-01T00:00:00 Z", "2026-1-01T00:00:00Z", "２０２６-01-01T00:00:00Z",
        "2026-01-01T00:00:00.１Z", "2026-01-01T00:00:00+0２:00", "",
        "2026-01-01T00:00:00.000000000+00:00", "9999-12-31T23:59:59.999999999-17:59",
    };
    for (String text : texts) {
      agrees(text);
    }
  }

  @Test
  void generatedTextsNearTheCommonFormAgreeWithTheFormatter() {
    Random random = new Random(20261206);
    String alphabet = "0123456789-:.TtZz+ ";
    int read = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
          random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(26),
          random.nextInt(62), random.nextInt(62)));
      if (random.nextInt(3) > 0) {
        text.append('.');
        int digits = random.nextInt(11);
        for (int d = 0; d < digits; d++) {
          text.append((char) ('0' + random.nextInt(10)));
        }
      }
      switch (random.nextInt(4)) {
        case 0 -> text.append('Z');
        case 1 -> text.append(String.format("%c%02d:%02d", random.nextBoolean() ? '+' : '-',
            random.nextInt(20), random.nextInt(62)));
        case 2 -> { }
        default -> text.append(String.format("%c%02d%02d", random.nextBoolean() ? '+' : '-',
            random.nextInt(20), random.nextInt(62)));
      }
      // One in four is disturbed once: a character replaced, dropped or added anywhere.
      if (random.nextInt(4) == 0) {
        int at = random.nextInt(text.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, c);
          case 1 -> text.deleteCharAt(at);
          default -> text.insert(at, c);
        }
      }
      String candidate = text.toString();
      agrees(candidate);
      if (formatter(candidate) != null) {
        read++;
      }
    }
    // The generator must reach both answers often, or agreement proves little.
    assertThat(read).isBetween(20_000, 180_000);
  }
}
