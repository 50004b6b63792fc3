package io.github.agentledger.checkpoint.jgit.redact;

/**
 * UTF-8 bytes decoded to characters, with the byte where each character starts, so that what a
 * caller's expression finds in the characters maps back to bytes. A byte that does not start a
 * valid sequence becomes U+FFFD on its own.
 */
record Utf8Text(String text, int[] byteIndexes) {

  /** {@return the byte where character {@code charIndex} starts (the end for the length)} */
  int byteIndex(int charIndex) {
    return byteIndexes[charIndex];
  }

  static Utf8Text decode(ByteText bytes) {
    int n = bytes.length();
    StringBuilder out = new StringBuilder(n);
    int[] index = new int[n + 1];
    int i = 0;
    while (i < n) {
      int b = bytes.at(i);
      int need = b < 0x80 ? 0 : b >= 0xC2 && b < 0xE0 ? 1 : b >= 0xE0 && b < 0xF0 ? 2
          : b >= 0xF0 && b < 0xF5 ? 3 : -1;
      int code = need == 0 ? b : need == 1 ? b & 0x1F : need == 2 ? b & 0x0F : b & 0x07;
      boolean valid = need >= 0 && i + need < n;
      for (int k = 1; valid && k <= need; k++) {
        int next = bytes.at(i + k);
        valid = (next & 0xC0) == 0x80;
        code = (code << 6) | (next & 0x3F);
      }
      valid &= need < 2 || (code >= (need == 2 ? 0x800 : 0x10000)
          && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF));
      if (!valid) {
        index[out.length()] = i;
        out.append('\uFFFD');
        i++;
        continue;
      }
      index[out.length()] = i;
      if (code >= 0x10000) {
        out.append(Character.highSurrogate(code));
        index[out.length()] = i;
        out.append(Character.lowSurrogate(code));
      } else {
        out.append((char) code);
      }
      i += need + 1;
    }
    index[out.length()] = n;
    return new Utf8Text(out.toString(), index);
  }
}
