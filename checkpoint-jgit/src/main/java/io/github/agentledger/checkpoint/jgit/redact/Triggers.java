package io.github.agentledger.checkpoint.jgit.redact;

/**
 * The prefilter of a transcript line: one pass over its raw bytes that tells whether any rule of
 * a {@link RuleSet} could find a secret in it. A line where nothing could start a secret is copied
 * through without being parsed, decoded or scanned; every other line takes the full path
 * ({@link JsonWalk}, {@link TextScan}). A false alarm costs only time; a missed trigger would let
 * a secret through, so each test below is a superset of what a rule needs, in both views a line
 * is scanned in: its JSON string values decoded, or (a line that is not valid JSON) its raw text.
 *
 * <p>The triggers:
 * <ul>
 *   <li>a token rule's literal prefix where a word starts (after a byte that is not a word
 *       character, as {@link TextScan} tries them), and a PEM {@code -----BEGIN} marker;
 *   <li>a run of token characters long and varied enough to pass the entropy rule (at least
 *       {@value Entropy#MIN_LENGTH} characters, as many distinct ones, entropy above the
 *       threshold) that does not start with a known id prefix ({@code toolu_}, {@code msg_}, …);
 *   <li>a {@code :} or {@code =} whose name before it (quotes, spaces and escapes skipped) ends
 *       with a word that makes a name secret ({@code password}, {@code token}, {@code key} after
 *       a qualifier, …) or with {@code value}: assignments, JSON members whose name says secret,
 *       and the name/value pairs;
 *   <li>{@code scheme://user:pass@}, a digit and {@code Q~} (Azure client secrets), a digit, a
 *       colon and {@code AA} (Telegram bot tokens);
 *   <li>the escapes <code>&#92;u</code>, <code>&#92;&#92;</code> and <code>&#92;/</code>, after
 *       which the decoded text differs from the raw bytes by more than a separator; every other
 *       escape is a separator in both views.
 * </ul>
 * A redactor with rules of the caller's own has no prefilter: their expressions may match
 * anything, so every line takes the full path.
 *
 * <p>Allocation-free once built. Not thread-safe (it keeps the entropy rule's counts): one
 * redaction uses one instance at a time.
 */
final class Triggers {
  private static final int WORD = 1; // [A-Za-z0-9_]
  private static final int ENT = 2; // [A-Za-z0-9+_-]
  private static final int ANCHOR = 4; // : = @ ~
  private static final int IDENT = 8; // [A-Za-z0-9_.-]
  private static final byte[] CLASS = classes();
  private static final byte[] PEM =
      "-----BEGIN".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final RuleSet rules;
  private final boolean always;
  private final int[] counts = new int[128];

  Triggers(RuleSet rules) {
    this.rules = rules;
    this.always = !rules.custom.isEmpty();
  }

  /**
   * {@return whether a rule could find a secret in {@code bytes[from, to)}} False means that
   * neither scanning the line's JSON string values nor scanning it as plain text finds anything.
   */
  boolean anyIn(byte[] bytes, int from, int to) {
    if (always) {
      return true;
    }
    int runStart = -1;
    boolean wordBefore = false;
    for (int i = from; i < to; i++) {
      int c = bytes[i] & 0xFF;
      int cls = CLASS[c];
      if ((cls & ENT) != 0) {
        if (runStart < 0) {
          runStart = i;
        }
        if (wordBefore && (cls & WORD) != 0) {
          continue; // inside a word: no rule starts here
        }
        if (!wordBefore && startsToken(bytes, i, to)) {
          return true;
        }
        wordBefore = (cls & WORD) != 0 || c == '-';
        if (wordBefore) {
          // the rest of the word: its run stays open and no rule starts inside it
          int j = i + 1;
          while (j < to && (CLASS[bytes[j] & 0xFF] & WORD) != 0) {
            j++;
          }
          i = j - 1;
        }
        continue;
      }
      if (runStart >= 0) {
        if (highEntropy(bytes, runStart, i, to)) {
          return true;
        }
        runStart = -1;
      }
      wordBefore = false;
      if (c == '\\') {
        if (i + 1 < to) {
          byte escaped = bytes[i + 1];
          if (escaped == 'u' || escaped == '\\' || escaped == '/') {
            return true;
          }
        }
        i++; // \n, \t, \", …: a separator whether decoded or not
      } else if ((cls & ANCHOR) != 0 && anchor(bytes, from, i, to, c)) {
        return true;
      }
    }
    return runStart >= 0 && highEntropy(bytes, runStart, to, to);
  }

  private boolean startsToken(byte[] bytes, int at, int to) {
    if (at + 1 >= to) {
      return false;
    }
    int first = bytes[at] & 0xFF;
    int second = bytes[at + 1] & 0xFF;
    TokenRule[] starting =
        rules.hasTokenRules(first, second) ? rules.tokenRules(first, second) : null;
    if (starting != null) {
      for (TokenRule rule : starting) {
        if (rule.prefixAt(bytes, at, to)) {
          return true;
        }
      }
    }
    return bytes[at] == '-' && rules.pem && startsWith(bytes, at, to, PEM);
  }

  /** The entropy rule's test on the token run {@code [start, end)}, padding included. */
  private boolean highEntropy(byte[] bytes, int start, int end, int to) {
    if (!rules.entropy) {
      return false;
    }
    int stop = end;
    int k = end;
    while (k < to && bytes[k] == '=') {
      k++;
    }
    if (k > end && (k == to || (CLASS[bytes[k] & 0xFF] & ENT) == 0)) {
      stop = k;
    }
    if (stop - start < Entropy.MIN_LENGTH || TextScan.hasIdPrefix(bytes, start, stop)) {
      return false;
    }
    long low = 0;
    long high = 0;
    for (int p = start; p < stop; p++) {
      int c = bytes[p] & 0x7F;
      if (c < 64) {
        low |= 1L << c;
      } else {
        high |= 1L << (c - 64);
      }
    }
    // n distinct characters carry at most log2(n) bits each: fewer than MIN_LENGTH never pass
    return Long.bitCount(low) + Long.bitCount(high) >= Entropy.MIN_LENGTH
        && Entropy.bits(bytes, start, stop, counts) > Entropy.THRESHOLD;
  }

  private boolean anchor(byte[] bytes, int from, int at, int to, int c) {
    switch (c) {
      case '@':
        return rules.urlPassword && userInfoBefore(bytes, from, at);
      case '~':
        return rules.azure && at - from >= 2 && bytes[at - 1] == 'Q' && isDigit(bytes[at - 2]);
      default:
        if (c == ':' && rules.telegram && at > from && at + 2 < to && isDigit(bytes[at - 1])
            && bytes[at + 1] == 'A' && bytes[at + 2] == 'A') {
          return true;
        }
        return (rules.assignment || rules.nameValue || rules.jsonMember)
            && secretNameBefore(bytes, from, at);
    }
  }

  /**
   * Whether the name that ends before {@code at} (spaces, quotes and the escapes of both
   * skipped, trailing separators dropped) ends with a word that makes a name secret, or with
   * {@code value}.
   */
  private static boolean secretNameBefore(byte[] bytes, int from, int at) {
    int k = at - 1;
    boolean quoted = false;
    while (k >= from) {
      int c = bytes[k];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\\') {
        k--;
      } else if (c == '"' || c == '\'') {
        quoted = true;
        k--;
      } else if ((c == 't' || c == 'n' || c == 'r') && k > from && bytes[k - 1] == '\\') {
        k -= 2; // an escaped tab or line break between the name and the anchor
      } else {
        break;
      }
    }
    int end = k + 1;
    while (end > from && isSeparator(bytes[end - 1])) {
      end--;
    }
    if (end == from) {
      return false;
    }
    switch (bytes[end - 1] | 0x20) {
      case 'd':
        return endsWith(bytes, from, end, "password") || endsWith(bytes, from, end, "passwd")
            || endsWith(bytes, from, end, "pwd");
      case 's':
        return endsWith(bytes, from, end, "pass") || endsWith(bytes, from, end, "creds")
            || endsWith(bytes, from, end, "credentials");
      case 'e':
        return endsWith(bytes, from, end, "passphrase") || endsWith(bytes, from, end, "passcode")
            || endsWith(bytes, from, end, "value");
      case 't':
        return endsWith(bytes, from, end, "secret") || endsWith(bytes, from, end, "pat");
      case 'n':
        return endsWith(bytes, from, end, "token");
      case 'l':
        return endsWith(bytes, from, end, "credential");
      case 'h':
        return endsWith(bytes, from, end, "auth");
      case 'g':
        return endsWith(bytes, from, end, "sig");
      case 'y':
        // "key" alone is no secret name: a qualifier stands before it (api_key, apiKey,
        // "api key" as a JSON member name)
        if (!endsWith(bytes, from, end, "key") || end - 3 == from) {
          return false;
        }
        int before = bytes[end - 4] & 0xFF;
        return (CLASS[before] & IDENT) != 0 || (before == ' ' && quoted);
      default:
        return false;
    }
  }

  /** {@code scheme://user:password@}: the user info before {@code at} holds a colon. */
  private static boolean userInfoBefore(byte[] bytes, int from, int at) {
    int s = at;
    while (s > from && at - s < 512 && !endsUserInfo(bytes[s - 1] & 0xFF)) {
      s--;
    }
    if (s - from < 4 || bytes[s - 1] != '/' || bytes[s - 2] != '/' || bytes[s - 3] != ':'
        || !Entropy.isAlnum(bytes[s - 4] & 0xFF)) {
      return false;
    }
    for (int k = s; k < at - 1; k++) {
      if (bytes[k] == ':') {
        return true;
      }
    }
    return false;
  }

  private static boolean endsUserInfo(int c) {
    return c <= ' ' || c == '/' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '('
        || c == ')' || c == ',' || c == '\\' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  /** Whether {@code bytes[from, end)} ends with {@code lowerCase} in any ASCII case. */
  private static boolean endsWith(byte[] bytes, int from, int end, String lowerCase) {
    int start = end - lowerCase.length();
    if (start < from) {
      return false;
    }
    for (int k = 0; k < lowerCase.length(); k++) {
      int c = bytes[start + k];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerCase.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] bytes, int at, int to, byte[] literal) {
    if (to - at < literal.length) {
      return false;
    }
    for (int k = 0; k < literal.length; k++) {
      if (bytes[at + k] != literal[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSeparator(byte c) {
    return c == '_' || c == '-' || c == '.' || c == ' ';
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static byte[] classes() {
    byte[] table = new byte[256];
    for (int c = 0; c < 256; c++) {
      boolean alnum = Entropy.isAlnum(c);
      int cls = 0;
      if (alnum || c == '_') {
        cls |= WORD;
      }
      if (alnum || c == '+' || c == '_' || c == '-') {
        cls |= ENT;
      }
      if (alnum || c == '_' || c == '.' || c == '-') {
        cls |= IDENT;
      }
      if (c == ':' || c == '=' || c == '@' || c == '~') {
        cls |= ANCHOR;
      }
      table[c] = (byte) cls;
    }
    return table;
  }
}
