package io.github.agentledger.checkpoint.jgit.redact;

/**
 * Marks PEM private key blocks, from {@code -----BEGIN … PRIVATE KEY-----} (also the PGP
 * {@code PRIVATE KEY BLOCK}) to the matching {@code -----END …-----} line. A block without an end
 * marker (a truncated paste) is marked up to the end of its key body.
 *
 * <p>Written by hand rather than as a regular expression so that a text full of begin markers and
 * no end marker is still scanned in one linear pass: the search for the end marker is done at
 * most once per position, its answer reused for later begin markers.
 */
final class PemDetector implements Detector {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final int MAX_LABEL = 60;

  @Override
  public void find(String text, RangeSet found) {
    int from = 0;
    int knownEnd = -2; // -2: not searched yet; -1: no end marker anywhere further on
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) {
        return;
      }
      int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
      if (labelEnd < 0) {
        return;
      }
      String label = text.substring(begin + BEGIN.length(),
          Math.min(labelEnd, begin + BEGIN.length() + MAX_LABEL + 1));
      int bodyStart = labelEnd + DASHES.length();
      if (labelEnd - (begin + BEGIN.length()) > MAX_LABEL || !label.contains("PRIVATE KEY")) {
        from = begin + BEGIN.length();
        continue;
      }
      if (knownEnd != -1 && knownEnd < bodyStart) {
        knownEnd = text.indexOf(END, bodyStart);
      }
      int blockEnd;
      if (knownEnd >= 0) {
        int closing = text.indexOf(DASHES, knownEnd + END.length());
        blockEnd = closing < 0 || closing - knownEnd > END.length() + MAX_LABEL
            ? knownEnd + END.length() : closing + DASHES.length();
      } else {
        blockEnd = endOfBody(text, bodyStart);
      }
      found.add(begin, blockEnd);
      from = Math.max(blockEnd, begin + BEGIN.length());
    }
  }

  /** The end of a key body: base64 characters and (escaped) line breaks, less trailing breaks. */
  private static int endOfBody(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r' || c == '\\') {
        i++;
      } else {
        break;
      }
    }
    while (i > from) { // give back the line breaks (real or escaped) that end the body
      char last = text.charAt(i - 1);
      if (last == '\n' || last == '\r') {
        i--;
      } else if (i - 2 >= from && text.charAt(i - 2) == '\\' && (last == 'n' || last == 'r')) {
        i -= 2;
      } else {
        break;
      }
    }
    return i;
  }
}
