package io.github.agentledger.checkpoint.jgit.redact;

/**
 * A read-only view of bytes as characters, one character per byte (ISO-8859-1), so that regular
 * expressions run over UTF-8 text without decoding it: every secret shape is ASCII, and a byte of
 * a multi-byte character is never an ASCII character. Not thread-safe; views are short-lived.
 */
final class ByteText implements CharSequence {
  private final byte[] bytes;
  private final int offset;
  private final int length;

  ByteText(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
  }

  /** {@return the array this view reads} */
  byte[] bytes() {
    return bytes;
  }

  /** {@return where this view starts in {@link #bytes()}} */
  int offset() {
    return offset;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    return (char) (bytes[offset + index] & 0xFF);
  }

  /** {@return the byte at {@code index} as an unsigned value} */
  int at(int index) {
    return bytes[offset + index] & 0xFF;
  }

  /** {@return whether {@code literal} (ASCII) stands at {@code index}} */
  boolean startsWith(String literal, int index) {
    if (index < 0 || index + literal.length() > length) {
      return false;
    }
    for (int k = 0; k < literal.length(); k++) {
      if (bytes[offset + index + k] != literal.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** {@return whether {@code lowerCase} (ASCII) stands at {@code index} in any ASCII case} */
  boolean startsWithIgnoringCase(String lowerCase, int index) {
    if (index < 0 || index + lowerCase.length() > length) {
      return false;
    }
    for (int k = 0; k < lowerCase.length(); k++) {
      int c = bytes[offset + index + k];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerCase.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new ByteText(bytes, offset + start, end - start);
  }

  @Override
  public String toString() {
    return new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** {@return the bytes {@code [start, end)} decoded as UTF-8} */
  String utf8(int start, int end) {
    return new String(bytes, offset + start, end - start,
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /** {@return the characters {@code [start, end)} as a string} */
  String slice(int start, int end) {
    return new String(bytes, offset + start, end - start,
        java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
