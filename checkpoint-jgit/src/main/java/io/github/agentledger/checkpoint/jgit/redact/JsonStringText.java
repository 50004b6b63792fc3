package io.github.agentledger.checkpoint.jgit.redact;

/**
 * The decoded value of one JSON string literal together with where each decoded character came
 * from in the raw text, so that a range found in the value can be mapped back to the raw
 * characters (escape sequences included) that spell it.
 */
final class JsonStringText {
  private final String value;
  private final int[] rawIndex;

  private JsonStringText(String value, int[] rawIndex) {
    this.value = value;
    this.rawIndex = rawIndex;
  }

  /**
   * Decodes the string literal whose content is {@code raw[start, end)} (the quotes excluded).
   * The literal must be valid JSON.
   */
  static JsonStringText decode(String raw, int start, int end) {
    if (raw.indexOf('\\', start) < 0 || raw.indexOf('\\', start) >= end) {
      int[] identity = new int[end - start + 1];
      for (int i = 0; i < identity.length; i++) {
        identity[i] = start + i;
      }
      return new JsonStringText(raw.substring(start, end), identity);
    }
    StringBuilder value = new StringBuilder(end - start);
    int[] map = new int[end - start + 1];
    int i = start;
    while (i < end) {
      map[value.length()] = i;
      char c = raw.charAt(i);
      if (c != '\\') {
        value.append(c);
        i++;
        continue;
      }
      char escape = raw.charAt(i + 1);
      switch (escape) {
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> value.append((char) Integer.parseInt(raw.substring(i + 2, i + 6), 16));
        default -> value.append(escape); // \" \\ \/
      }
      i += escape == 'u' ? 6 : 2;
    }
    map[value.length()] = end;
    return new JsonStringText(value.toString(), map);
  }

  /** {@return the decoded value} */
  String value() {
    return value;
  }

  /**
   * Maps a position in the decoded value to the raw text.
   *
   * @param decodedIndex a position from 0 to {@code value().length()} inclusive
   * @return the raw position where the decoded character starts (or the end of the literal)
   */
  int rawIndex(int decodedIndex) {
    return rawIndex[decodedIndex];
  }
}
