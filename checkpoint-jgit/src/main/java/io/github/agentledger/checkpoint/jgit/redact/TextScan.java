package io.github.agentledger.checkpoint.jgit.redact;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the secrets of one text in a single pass over its bytes, for every rule at once.
 *
 * <p>This file is longer than our usual files because the pass is one loop whose state (the
 * current word, token piece and chunk) every rule shares; splitting it would mean scanning the
 * bytes once per rule again, which is what it exists to avoid.
 *
 * <p>Each byte is classified by one table look-up. Where a word starts, only the token rules whose
 * prefix starts with its first two bytes are tried (a literal comparison, then a bounded expression matched
 * from there). The bytes {@code : = @ ~} trigger the context rules, which look a bounded distance
 * back (at the name being assigned, at the scheme of a URL) and forward (at the value). Runs of
 * token characters of {@value Entropy#MIN_LENGTH} or more are measured for entropy; whether one
 * is kept is decided when its chunk (the run of characters up to the next space, quote or
 * bracket) ends, so that chunks that are hashes ({@code sha512-…}, {@code h1:…},
 * {@code SHA256:…}), SSH public keys, {@code data:…;base64,} URIs, long data blobs or
 * base64-encoded text are left alone.
 * Text without a prefix, an anchor byte or a long token costs one look-up per byte.
 *
 * <p>A backslash and the character after it end every word, so that an escape such as {@code \n}
 * in raw JSON text is never cut in half. Not thread-safe: a redaction uses one instance at a time.
 */
final class TextScan implements Marker {
  private static final int ENT = 1; // token character: [A-Za-z0-9+_-]
  private static final int WORD = 2; // word character: [A-Za-z0-9_]
  private static final int DELIM = 4; // ends a chunk
  private static final int ANCHOR = 8; // : = @ ~
  private static final int IDENT = 16; // name character: [A-Za-z0-9_.-]
  private static final int B64 = 32; // base64 of either alphabet, padding included
  private static final byte[] CLASS = classes();
  private static final String[] HASH_LABELS = {
      "sha1-", "sha256-", "sha384-", "sha512-", "sha1:", "sha256:", "sha384:", "sha512:", "md5:",
      "h1:", "sha256=", "sha1=", "blake2b-", "blake3:"};
  private static final String[] SSH_KEY_BODIES = {
      "AAAAB3NzaC1", "AAAAC3NzaC1", "AAAAE2VjZHNh", "AAAAGnNrLXNzaC1"};
  private static final String[] ID_PREFIXES = {
      "toolu_", "srvtoolu_", "call_", "msg_", "req_", "chatcmpl-", "resp_", "fc_", "rs_", "run_",
      "thread_", "asst_", "file-", "batch_"};
  /** Chunks longer than this are data (images, minified code), not credentials. */
  private static final int MAX_SECRET_CHUNK = 1024;
  private static final int MAX_VALUE = 512;
  private static final Pattern DOTTED_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,100}(?:\\.[A-Za-z_][A-Za-z0-9_]{0,100}){1,20}");
  /** A type after a colon ({@code token: TokenService}), as in TypeScript, Python or Kotlin. */
  private static final Pattern TYPE_NAME =
      Pattern.compile("(?:[A-Z][a-z]{1,30}){1,6}[?!]?|[A-Z][a-z]{1,30}(?:<[A-Za-z]{1,30}>)?");
  private static final Pattern AZURE = Pattern.compile(
      "[A-Za-z0-9_.-]{3}[0-9]Q~[A-Za-z0-9_.~-]{31,34}(?![A-Za-z0-9_.~-])");
  private static final Pattern TELEGRAM =
      Pattern.compile("[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])");

  private final RuleSet rules;
  private final int[] counts = new int[128];
  private int[] candidates = new int[16];
  private int candidateCount;
  /** What {@link #text} holds outside a scan, so that the scanned bytes are not kept. */
  private static final ByteText NO_TEXT = new ByteText(new byte[0], 0, 0);

  private ByteText text = NO_TEXT;
  private int length;
  private @Nullable RangeSet out;
  private int base;
  private int @Nullable [] map;

  TextScan(RuleSet rules) {
    this.rules = rules;
  }

  /**
   * Scans {@code text} and adds what it finds to {@code found}, mapped to raw positions: position
   * {@code p} of the text is {@code map[p]} when a map is given (text decoded from JSON escapes),
   * else {@code base + p}.
   *
   * @param shapesOnly true to apply only the rules that recognise a secret by its own shape
   *     (token rules and the caller's rules): for members that hold ids or paths
   */
  void scan(ByteText text, boolean shapesOnly, RangeSet found, int base,
      int @Nullable [] map) {
    this.text = text;
    this.length = text.length();
    this.out = found;
    this.base = base;
    this.map = map;
    this.candidateCount = 0;
    int n = length;
    int pieceStart = -1;
    int chunkStart = -1;
    boolean ascii = true;
    boolean wordBefore = false;
    boolean entropy = rules.entropy && !shapesOnly;
    byte[] bytes = text.bytes();
    int offset = text.offset();
    for (int i = 0; i < n; i++) {
      int c = bytes[offset + i] & 0xFF;
      int cls = CLASS[c];
      if (wordBefore && (cls & WORD) != 0) {
        continue; // inside a word: its piece and chunk are open, no rule starts here
      }
      if (c == '\\') {
        if (pieceStart >= 0) {
          endPiece(pieceStart, i, entropy);
          pieceStart = -1;
        }
        if (chunkStart >= 0) {
          endChunk(chunkStart, i);
          chunkStart = -1;
        }
        i++; // the escaped character belongs to the escape, never to a word
        wordBefore = false;
        continue;
      }
      if (c >= 0x80) {
        ascii = false;
      }
      if (!wordBefore && i + 1 < n) {
        TokenRule[] starting = rules.tokenRules(c, bytes[offset + i + 1] & 0xFF);
        if (starting != null) {
          for (TokenRule rule : starting) {
            rule.tryAt(text, i, this);
          }
        }
        if (c == '-' && rules.pem && !shapesOnly && (i == 0 || text.at(i - 1) != '-')
            && text.startsWith("-----BEGIN ", i)) {
          pem(i);
        }
      }
      if ((cls & ANCHOR) != 0 && !shapesOnly) {
        anchor(i, c);
      }
      if ((cls & ENT) != 0) {
        if (pieceStart < 0) {
          pieceStart = i;
        }
      } else if (pieceStart >= 0) {
        endPiece(pieceStart, i, entropy);
        pieceStart = -1;
      }
      if ((cls & DELIM) != 0) {
        if (chunkStart >= 0) {
          endChunk(chunkStart, i);
          chunkStart = -1;
        }
      } else if (chunkStart < 0) {
        chunkStart = i;
      }
      wordBefore = (cls & WORD) != 0 || c == '-';
    }
    if (pieceStart >= 0) {
      endPiece(pieceStart, n, entropy);
    }
    if (chunkStart >= 0) {
      endChunk(chunkStart, n);
    }
    for (CustomRule rule : rules.custom) {
      if (ascii) {
        rule.find(text, this);
      } else {
        Utf8Text decoded = Utf8Text.decode(text);
        rule.find(decoded.text(), (start, end) ->
            mark(decoded.byteIndex(start), decoded.byteIndex(end)));
      }
    }
    this.text = NO_TEXT;
    this.out = null;
    this.map = null;
  }

  @Override
  public void mark(int start, int end) {
    if (end <= start) {
      return;
    }
    if (!rules.allow.isEmpty() && rules.allowed(text.utf8(start, end))) {
      return;
    }
    RangeSet found = Objects.requireNonNull(out, "marks arrive only during scan()");
    int[] positions = map;
    if (positions == null) {
      found.add(base + start, base + end);
    } else {
      found.add(positions[start], positions[end]);
    }
  }

  // ---- entropy -------------------------------------------------------------------------------

  private void endPiece(int start, int end, boolean entropy) {
    if (!entropy) {
      return;
    }
    int stop = end;
    int k = end;
    while (k < length && text.at(k) == '=') {
      k++;
    }
    if (k > end && (k == length || (CLASS[text.at(k)] & ENT) == 0)) {
      stop = k; // trailing '=' is base64 padding; a '=' followed by more is an assignment
    }
    if (stop - start < Entropy.MIN_LENGTH || hasIdPrefix(start)) {
      return;
    }
    if (Entropy.bits(text, start, stop, counts) > Entropy.THRESHOLD) {
      if (candidateCount + 2 > candidates.length) {
        candidates = java.util.Arrays.copyOf(candidates, candidates.length * 2);
      }
      candidates[candidateCount++] = start;
      candidates[candidateCount++] = stop;
    }
  }

  private void endChunk(int start, int end) {
    if (candidateCount == 0) {
      return;
    }
    boolean data = end - start > MAX_SECRET_CHUNK || startsWithAny(start, HASH_LABELS, true)
        || startsWithAny(start, SSH_KEY_BODIES, false)
        || text.startsWith(";base64,", start - ";base64,".length());
    if (!data) {
      for (int k = 0; k < candidateCount; k += 2) {
        int s = candidates[k];
        int e = candidates[k + 1];
        int runStart = s;
        while (runStart > start && (CLASS[text.at(runStart - 1)] & B64) != 0) {
          runStart--;
        }
        int runEnd = e;
        while (runEnd < end && (CLASS[text.at(runEnd)] & B64) != 0) {
          runEnd++;
        }
        if (!Entropy.isEncodedText(text, runStart, runEnd)) {
          mark(s, e);
        }
      }
    }
    candidateCount = 0;
  }

  private boolean hasIdPrefix(int start) {
    return startsWithAny(start, ID_PREFIXES, false);
  }

  /**
   * {@return whether the token {@code bytes[start, end)} starts with the prefix of an id that
   * agents write ({@code toolu_}, {@code msg_}, …), which the entropy rule never takes for a
   * secret}
   */
  static boolean hasIdPrefix(byte[] bytes, int start, int end) {
    for (String prefix : ID_PREFIXES) {
      if (end - start >= prefix.length()) {
        boolean match = true;
        for (int k = 0; k < prefix.length() && match; k++) {
          match = bytes[start + k] == prefix.charAt(k);
        }
        if (match) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean startsWithAny(int at, String[] literals, boolean ignoreCase) {
    for (String literal : literals) {
      if (ignoreCase ? text.startsWithIgnoringCase(literal, at) : text.startsWith(literal, at)) {
        return true;
      }
    }
    return false;
  }

  // ---- context rules -------------------------------------------------------------------------

  private void anchor(int i, int c) {
    if (c == '@') {
      if (rules.urlPassword) {
        urlPassword(i);
      }
    } else if (c == '~') {
      if (rules.azure && i >= 5 && text.at(i - 1) == 'Q' && isDigit(text.at(i - 2))) {
        lookingAt(AZURE, i - 5);
      }
    } else {
      if (c == ':' && rules.telegram && i >= 8 && i + 2 < length && text.at(i + 1) == 'A'
          && text.at(i + 2) == 'A' && isDigit(text.at(i - 1))) {
        int s = i - 1;
        while (s > 0 && i - s < 10 && isDigit(text.at(s - 1))) {
          s--;
        }
        if (s == 0 || (CLASS[text.at(s - 1)] & WORD) == 0) {
          lookingAt(TELEGRAM, s);
        }
      }
      if (rules.assignment || rules.nameValue) {
        assignment(i, c);
      }
    }
  }

  private void lookingAt(Pattern pattern, int from) {
    Matcher matcher = pattern.matcher(text);
    matcher.useTransparentBounds(true);
    matcher.useAnchoringBounds(false);
    matcher.region(from, Math.min(length, from + 200));
    if (matcher.lookingAt()) {
      mark(matcher.start(), matcher.end());
    }
  }

  /** {@code name = value}, {@code name: value}, {@code name := value}, {@code name => value}. */
  private void assignment(int i, int c) {
    int opEnd = i + 1;
    int next = i + 1 < length ? text.at(i + 1) : -1;
    int previous = i > 0 ? text.at(i - 1) : -1;
    if (c == '=') {
      if (next == '=' || previous == '=' || previous == '!' || previous == '<'
          || previous == '>') {
        return;
      }
      if (next == '>') {
        opEnd++;
      }
    } else {
      if (next == ':' || previous == ':' || (next == '/' && i + 2 < length
          && text.at(i + 2) == '/')) {
        return;
      }
      if (next == '=') {
        opEnd++;
      }
    }
    int k = i - 1;
    int spaces = 0;
    while (k >= 0 && spaces < 8 && (text.at(k) == ' ' || text.at(k) == '\t')) {
      k--;
      spaces++;
    }
    if (k >= 0 && (text.at(k) == '"' || text.at(k) == '\'')) {
      k--;
    }
    int nameEnd = k + 1;
    while (k >= 0 && nameEnd - k <= 64 && (CLASS[text.at(k)] & IDENT) != 0) {
      k--;
    }
    int nameStart = k + 1;
    if (nameStart == nameEnd || nameEnd - nameStart > 64) {
      return;
    }
    int last = text.at(nameEnd - 1) | 0x20; // ASCII lower case
    if (last != 'd' && last != 's' && last != 'e' && last != 't' && last != 'n' && last != 'l'
        && last != 'h' && last != 'y' && last != 'g') {
      return; // no secret name ends so: password, pass, phrase, secret, token, credential, ...
    }
    CharSequence name = text.subSequence(nameStart, nameEnd);
    boolean secretName = rules.assignment && KeyNames.isSecretKey(name);
    boolean nameValue = !secretName && rules.nameValue && nameEnd - nameStart == 5
        && text.startsWithIgnoringCase("value", nameStart) && secretNameBefore(nameStart);
    if (secretName || nameValue) {
      value(opEnd, c == ':' && !nameValue);
    }
  }

  /** Marks the value that starts after {@code from} (spaces skipped), if it is a secret. */
  private void value(int from, boolean afterColon) {
    int j = from;
    int spaces = 0;
    while (j < length && spaces < 8 && (text.at(j) == ' ' || text.at(j) == '\t')) {
      j++;
      spaces++;
    }
    if (j >= length) {
      return;
    }
    int quote = text.at(j);
    boolean quoted = quote == '"' || quote == '\'' || quote == '`';
    int start = quoted ? j + 1 : j;
    int end = start;
    if (quoted) {
      while (end < length && end - start <= MAX_VALUE && text.at(end) != quote
          && text.at(end) != '\n') {
        end++;
      }
      if (end >= length || text.at(end) != quote) {
        return;
      }
    } else {
      while (end < length && end - start <= MAX_VALUE && !endsValue(text.at(end))) {
        end++;
      }
    }
    if (end - start < 3 || end - start > MAX_VALUE) {
      return;
    }
    String value = text.slice(start, end);
    if (Placeholders.isPlaceholder(value)) {
      return;
    }
    if (!quoted) {
      int after = end < length ? text.at(end) : -1;
      if ("/~.".indexOf(value.charAt(0)) >= 0 || after == '(' || after == '['
          || DOTTED_NAME.matcher(value).matches()
          || (afterColon && (isProse(value, end) || TYPE_NAME.matcher(value).matches()))) {
        return;
      }
    }
    mark(start, end);
  }

  /** A word of letters followed by more words: a sentence ({@code Password: must be …}). */
  private boolean isProse(String value, int end) {
    for (int k = 0; k < value.length(); k++) {
      if (!Character.isLetter(value.charAt(k))) {
        return false;
      }
    }
    return end + 1 < length && text.at(end) == ' ' && Character.isLetter(text.at(end + 1));
  }

  private static boolean endsValue(int c) {
    return c <= ' ' || c == '"' || c == '\'' || c == '`' || c == ',' || c == ';' || c == '&'
        || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '<'
        || c == '>' || c == '\\';
  }

  /** Whether {@code name: <secret name>} stands shortly before {@code at}. */
  private boolean secretNameBefore(int at) {
    for (int p = at - 4; p >= Math.max(0, at - 200); p--) {
      if (!text.startsWithIgnoringCase("name", p)
          || (p > 0 && (CLASS[text.at(p - 1)] & IDENT) != 0)) {
        continue;
      }
      int q = p + 4;
      if (q < length && (text.at(q) == '"' || text.at(q) == '\'')) {
        q++;
      }
      q = skipSpaces(q);
      if (q >= length || (text.at(q) != ':' && text.at(q) != '=')) {
        continue;
      }
      q = skipSpaces(q + 1);
      if (q < length && (text.at(q) == '"' || text.at(q) == '\'')) {
        q++;
      }
      int s = q;
      while (q < length && q - s < 64 && (CLASS[text.at(q)] & IDENT) != 0) {
        q++;
      }
      return q > s && KeyNames.isSecretKey(text.subSequence(s, q));
    }
    return false;
  }

  private int skipSpaces(int from) {
    int q = from;
    while (q < length && q - from < 8 && (text.at(q) == ' ' || text.at(q) == '\t')) {
      q++;
    }
    return q;
  }

  /** {@code scheme://user:password@host}: marks the password. */
  private void urlPassword(int at) {
    int s = at;
    while (s > 0 && at - s < MAX_VALUE && !endsUserInfo(text.at(s - 1))) {
      s--;
    }
    if (s < 4 || text.at(s - 1) != '/' || text.at(s - 2) != '/' || text.at(s - 3) != ':'
        || !Entropy.isAlnum(text.at(s - 4))) {
      return;
    }
    int colon = -1;
    for (int k = s; k < at; k++) {
      if (text.at(k) == ':') {
        colon = k;
        break;
      }
    }
    if (colon < 0 || colon + 1 >= at || Placeholders.isPlaceholder(text.slice(colon + 1, at))) {
      return;
    }
    mark(colon + 1, at);
  }

  private static boolean endsUserInfo(int c) {
    return c <= ' ' || c == '/' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '('
        || c == ')' || c == ',' || c == '\\' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  // ---- PEM -----------------------------------------------------------------------------------

  /**
   * A PEM private key block from its {@code -----BEGIN … PRIVATE KEY-----} marker through the
   * matching end marker, or, truncated, to the end of its body. A marker without a body of
   * base64 lines (a mention in prose) is no key.
   */
  private void pem(int begin) {
    int labelStart = begin + "-----BEGIN ".length();
    int labelEnd = indexOf("-----", labelStart, labelStart + 61);
    if (labelEnd < 0 || indexOf("PRIVATE KEY", labelStart, labelEnd) < 0) {
      return;
    }
    int k = labelEnd + 5;
    int bodyEnd = -1;
    boolean longLine = false;
    boolean lastLineSeen = false;
    int headers = 0;
    int breaks = 0;
    while (k < length) {
      int c = text.at(k);
      if (c == '\n') {
        breaks++;
        k++;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        k++;
        continue;
      }
      if (c == '\\' && k + 1 < length && (text.at(k + 1) == 'n' || text.at(k + 1) == 'r')) {
        breaks += text.at(k + 1) == 'n' ? 1 : 0;
        k += 2;
        continue;
      }
      if (text.startsWith("-----END ", k)) {
        int close = indexOf("-----", k + 9, k + 9 + 61);
        if (close >= 0 && longLine) {
          mark(begin, close + 5);
          return;
        }
        break;
      }
      if (breaks >= 2 && bodyEnd >= 0) {
        break; // a blank line ends a body that has no end marker
      }
      int s = k;
      boolean base64 = true;
      while (k < length && text.at(k) > ' ' && text.at(k) != '\\'
          && !text.startsWith("-----", k)) {
        base64 &= (CLASS[text.at(k)] & B64) != 0 && text.at(k) != '-' && text.at(k) != '_';
        k++;
      }
      if (k == s) {
        break;
      }
      if (base64 && !lastLineSeen) {
        if (k - s >= 40) {
          longLine = true;
        } else {
          lastLineSeen = true;
        }
        bodyEnd = k;
      } else if (!base64 && bodyEnd < 0 && headers < 6) {
        headers++;
      } else {
        break;
      }
      breaks = 0;
    }
    if (longLine) {
      mark(begin, bodyEnd);
    }
  }

  private int indexOf(String literal, int from, int limit) {
    int last = Math.min(limit, length - literal.length());
    for (int k = from; k <= last; k++) {
      if (text.startsWith(literal, k)) {
        return k;
      }
    }
    return -1;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static byte[] classes() {
    byte[] table = new byte[256];
    for (int c = 0; c < 256; c++) {
      boolean alnum = Entropy.isAlnum(c);
      int cls = 0;
      if (alnum || c == '+' || c == '_' || c == '-') {
        cls |= ENT;
      }
      if (alnum || c == '_') {
        cls |= WORD;
      }
      if (alnum || c == '_' || c == '.' || c == '-') {
        cls |= IDENT;
      }
      if (alnum || c == '+' || c == '/' || c == '=' || c == '-' || c == '_') {
        cls |= B64;
      }
      if (c <= ' ' || c >= 0x7F || "\"'`,;()[]{}<>|\\".indexOf(c) >= 0) {
        cls |= DELIM;
      }
      if (c == ':' || c == '=' || c == '@' || c == '~') {
        cls |= ANCHOR;
      }
      table[c] = (byte) cls;
    }
    return table;
  }
}
