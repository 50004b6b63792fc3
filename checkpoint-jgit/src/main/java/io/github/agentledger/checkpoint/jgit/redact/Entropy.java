package io.github.agentledger.checkpoint.jgit.redact;

import java.util.Base64;

/**
 * Shannon entropy of token characters, and the test that tells base64-encoded text (prose, JSON,
 * a configuration file) from a random secret: decoded, the first is readable, the second is noise.
 */
final class Entropy {
  /** Bits per character above which a token looks random. */
  static final double THRESHOLD = 4.5;
  /**
   * The shortest token that can pass {@link #THRESHOLD}: {@code n} characters carry at most
   * {@code log2(n)} bits each, and {@code log2(22) < 4.5}.
   */
  static final int MIN_LENGTH = 23;

  private Entropy() {}

  /** {@return the entropy in bits per character of {@code text[start, end)}} */
  static double bits(ByteText text, int start, int end, int[] counts) {
    return bits(text.bytes(), text.offset() + start, text.offset() + end, counts);
  }

  /** {@return the entropy in bits per character of {@code bytes[start, end)}} */
  static double bits(byte[] bytes, int start, int end, int[] counts) {
    java.util.Arrays.fill(counts, 0);
    for (int k = start; k < end; k++) {
      counts[bytes[k] & 0x7F]++;
    }
    double n = end - start;
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = count / n;
        bits -= p * Math.log(p);
      }
    }
    return bits / Math.log(2);
  }

  /**
   * {@return whether {@code text[start, end)} is base64 (standard or URL-safe, padding optional)
   * of mostly printable ASCII} Random bytes are printable about one time in three, so a secret
   * practically never decodes to readable text.
   */
  static boolean isEncodedText(ByteText text, int start, int end) {
    int length = end - start;
    while (length > 0 && text.at(start + length - 1) == '=') {
      length--;
    }
    if (length < 16) {
      return false;
    }
    boolean urlSafe = false;
    boolean standard = false;
    for (int k = start; k < start + length; k++) {
      int c = text.at(k);
      if (c == '-' || c == '_') {
        urlSafe = true;
      } else if (c == '+' || c == '/') {
        standard = true;
      } else if (!isAlnum(c)) {
        return false;
      }
    }
    if (urlSafe && standard) {
      return false;
    }
    int usable = length % 4 == 1 ? length - 1 : length; // 4k+1 characters are never base64
    byte[] decoded;
    try {
      String body = text.slice(start, start + usable);
      decoded = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder())
          .decode(pad(body));
    } catch (IllegalArgumentException e) {
      return false;
    }
    int printable = 0;
    for (byte b : decoded) {
      if ((b >= 0x20 && b < 0x7F) || b == '\n' || b == '\r' || b == '\t') {
        printable++;
      }
    }
    return decoded.length > 0 && printable * 10 >= decoded.length * 9;
  }

  private static String pad(String body) {
    int missing = (4 - body.length() % 4) % 4;
    return missing == 0 ? body : body + "==".substring(0, missing);
  }

  static boolean isAlnum(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
