package io.github.agentledger.checkpoint.jgit.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

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
    Instant plain = plainTime(text);
    return plain != null ? plain
        : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /**
   * Reads the form writers use, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:MM|-HH:MM)} with an
   * upper-case {@code T} and {@code Z}, when every field is in range. Anything else (lower case,
   * no seconds, a five-digit year, an offset with seconds, a field out of range) is null, and
   * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} decides: it reads or rejects every text this
   * method reads exactly as this method does. A formatter's first parse in a process costs as
   * much as a whole listing's worth of these (its rules are built and resolved on first use).
   */
  private static @Nullable Instant plainTime(String text) {
    int length = text.length();
    if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59
        || day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (text.charAt(at) == '.') {
      int start = ++at;
      while (at < length && at - start < 10 && isDigit(text.charAt(at))) {
        nanos = nanos * 10 + (text.charAt(at) - '0');
        at++;
      }
      int count = at - start;
      if (count < 1 || count > 9) {
        return null;
      }
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (at == length - 1 && text.charAt(at) == 'Z') {
      offsetSeconds = 0;
    } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-')
        && text.charAt(at + 3) == ':') {
      int offsetHours = digits(text, at + 1, 2);
      int offsetMinutes = digits(text, at + 4, 2);
      // ZoneOffset's range is +-18:00; the edge itself is left to the formatter.
      if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
        return null;
      }
      int magnitude = offsetHours * 3600 + offsetMinutes * 60;
      offsetSeconds = text.charAt(at) == '-' ? -magnitude : magnitude;
    } else {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    long seconds = days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** {@return the decimal value of {@code count} ASCII digits at {@code from}, or -1} */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
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
