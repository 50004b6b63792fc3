package io.github.agentledger.checkpoint.jgit.redact;

import java.util.List;

/**
 * Marks tokens that look random: maximal runs of {@code [A-Za-z0-9+_=-]} of at least
 * {@value #MIN_LENGTH} characters whose Shannon entropy is above {@value #THRESHOLD} bits per
 * character.
 *
 * <p>The token alphabet has no {@code /} and no {@code .}, so file paths and dotted names break
 * into short pieces. Hexadecimal ids (UUIDs, git object ids, checkpoint ids) can never pass the
 * threshold: 17 symbols at most give at most {@code log2(17) ≈ 4.09} bits. Three kinds of token are
 * left alone on purpose: tokens with a well-known id prefix ({@code toolu_}, {@code call_}, …),
 * the payload of a {@code data:…;base64,} URI, and the character right after a backslash (so that
 * an escape such as {@code \n} in raw JSON text is never cut in half). One linear pass.
 */
final class EntropyDetector implements Detector {
  static final int MIN_LENGTH = 10;
  static final double THRESHOLD = 4.5;
  private static final String DATA_URI_MARK = ";base64,";
  private static final List<String> ID_PREFIXES =
      List.of("toolu_", "srvtoolu_", "call_", "msg_", "req_", "chatcmpl-", "resp_", "fc_");

  @Override
  public void find(String text, RangeSet found) {
    int length = text.length();
    int[] counts = new int[128];
    int i = 0;
    while (i < length) {
      if (text.startsWith(DATA_URI_MARK, i)) {
        i = skipBase64(text, i + DATA_URI_MARK.length());
        continue;
      }
      if (!isTokenChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < length && isTokenChar(text.charAt(i))) {
        i++;
      }
      if (start > 0 && text.charAt(start - 1) == '\\' && oddBackslashesBefore(text, start)) {
        start++;
      }
      if (i - start >= MIN_LENGTH && !hasIdPrefix(text, start)
          && entropy(text, start, i, counts) > THRESHOLD) {
        found.add(start, i);
      }
    }
  }

  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '+' || c == '_' || c == '=' || c == '-';
  }

  /** Shannon entropy in bits per character of {@code text[start, end)}, all token characters. */
  static double entropy(String text, int start, int end, int[] counts) {
    java.util.Arrays.fill(counts, 0);
    for (int k = start; k < end; k++) {
      counts[text.charAt(k)]++;
    }
    double n = end - start;
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = count / n;
        bits -= p * (Math.log(p) / Math.log(2));
      }
    }
    return bits;
  }

  private static boolean oddBackslashesBefore(String text, int position) {
    int k = position - 1;
    while (k >= 0 && text.charAt(k) == '\\') {
      k--;
    }
    return (position - 1 - k) % 2 == 1;
  }

  private static boolean hasIdPrefix(String text, int start) {
    for (String prefix : ID_PREFIXES) {
      if (text.startsWith(prefix, start)) {
        return true;
      }
    }
    return false;
  }

  private static int skipBase64(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isTokenChar(c) || c == '/') {
        i++;
      } else {
        break;
      }
    }
    return i;
  }
}
