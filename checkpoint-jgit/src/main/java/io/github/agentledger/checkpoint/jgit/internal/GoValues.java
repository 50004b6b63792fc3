package io.github.agentledger.checkpoint.jgit.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Go's text forms of times and floats, as {@code encoding/json} writes them: times in RFC 3339
 * with nanoseconds and trailing zero fractions trimmed (UTC as {@code Z}); float64 in the shortest
 * form that round-trips, plain between 1e-6 and 1e21, exponent form (two-digit minimum exponent
 * digits, but {@code e-7} rather than {@code e-07}) outside. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class GoValues {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private GoValues() {}

  /**
   * Formats a time in UTC as Go's {@code time.RFC3339Nano} does.
   *
   * @param instant the time
   * @return for example {@code 2026-01-02T03:04:05.12Z}
   */
  public static String formatTime(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(SECONDS.format(utc));
    int nanos = utc.getNano();
    if (nanos != 0) {
      // Nine digits, zero-padded by hand: String.format is slow and locale-dependent.
      String digits = Integer.toString(nanos);
      String fraction = "000000000".substring(digits.length()) + digits;
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(fraction, 0, end);
    }
    return out.append('Z').toString();
  }

  /**
   * Parses an RFC 3339 time with any offset and up to nine fraction digits.
   *
   * @param text the time text
   * @return the instant
   * @throws DateTimeParseException if the text is not RFC 3339
   */
  public static Instant parseTime(String text) {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /**
   * Formats a float64 as Go's {@code encoding/json} does.
   *
   * @param value a finite number
   * @return the text
   */
  public static String formatFloat(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON cannot hold the number " + value);
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-6 && magnitude < 1e21) {
      return decimal.toPlainString();
    }
    String digits = decimal.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - decimal.scale();
    StringBuilder out = new StringBuilder();
    if (value < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int absExponent = Math.abs(exponent);
    if (absExponent < 10 && exponent > 0) {
      out.append('0');
    }
    return out.append(absExponent).toString();
  }
}
