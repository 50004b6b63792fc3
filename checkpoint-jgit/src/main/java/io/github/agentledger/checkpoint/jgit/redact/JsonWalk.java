package io.github.agentledger.checkpoint.jgit.redact;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Walks one JSON value in UTF-8 bytes, checking that it is valid (RFC 8259), and scans each string
 * value with the member's context: the ranges to replace are found inside the original bytes, so
 * keys, numbers, whitespace and unchanged strings keep their exact bytes and the result is valid
 * JSON whenever the input was (a replacement covers whole escape sequences and {@code REDACTED}
 * needs no escaping).
 *
 * <p>What a member holds decides how its strings are searched: never, in objects that carry
 * binary content (a {@code kind} or {@code type} such as {@code image}, {@code audio},
 * {@code file}, {@code base64}, {@code redacted_thinking}, or a {@code mime_type} or
 * {@code media_type} member), in opaque members ({@code signature}, {@code encrypted_content},
 * hashes) and in members the caller listed; only for secrets of a well-known shape in members
 * that hold ids or paths; whole, when the member's name says secret (unless the value is a
 * placeholder); and fully everywhere else. An object {@code {"name": "DB_PASSWORD", "value": …}}
 * has its value replaced whole. Whether an object carries binary content is known only once its
 * {@code kind} is read, which may come after the data: what was found inside it is then dropped.
 *
 * <p>Nesting is bounded ({@value #MAX_DEPTH}); deeper text is handled as plain text by the
 * caller. Not thread-safe: one redaction uses one instance at a time.
 *
 * <p>A little over 400 lines because validating and applying the member rules are one recursive
 * descent: split apart, every line would be parsed twice, as the old gson check did.
 */
final class JsonWalk {
  static final int MAX_DEPTH = 1024;
  private static final int NORMAL = 0;
  private static final int SHAPES = 1;
  private static final int SKIP = 2;
  private static final int SECRET = 3;
  /** Strings shorter than this hold no secret that a rule could see. */
  private static final int MIN_SCANNED = 5;

  private final RuleSet rules;
  private final TextScan scan;
  private final KeyCache keys;
  /** What {@link #bytes} holds outside a walk, so that the walked bytes are not kept. */
  private static final byte[] NO_BYTES = new byte[0];

  private byte[] bytes = NO_BYTES;
  private int pos;
  private int end;
  private @Nullable RangeSet out;
  private boolean escaped;
  private byte[] scratch = new byte[256];
  private int[] map = new int[257];

  JsonWalk(RuleSet rules, TextScan scan) {
    this.rules = rules;
    this.scan = scan;
    this.keys = new KeyCache(rules);
  }

  /**
   * Walks {@code bytes[from, to)}, which must be exactly one JSON value with optional whitespace
   * around it, adding the ranges to replace to {@code found}.
   *
   * @return true when it was one valid value; false otherwise, in which case the caller drops
   *     what was added to {@code found}
   */
  boolean walk(byte[] bytes, int from, int to, RangeSet found) {
    this.bytes = bytes;
    this.pos = from;
    this.end = to;
    this.out = found;
    try {
      whitespace();
      if (!value(NORMAL, 0)) {
        return false;
      }
      whitespace();
      return pos == end;
    } finally {
      this.bytes = NO_BYTES;
      this.out = null;
    }
  }

  /** {@return where the current walk adds its ranges} */
  private RangeSet out() {
    return Objects.requireNonNull(out, "only during walk()");
  }

  private boolean value(int context, int depth) {
    if (pos >= end) {
      return false;
    }
    switch (bytes[pos]) {
      case '{':
        return object(context == SECRET ? NORMAL : context, depth + 1);
      case '[':
        return array(context, depth + 1);
      case '"': {
        int start = pos + 1;
        int close = string();
        if (close < 0) {
          return false;
        }
        if (context != SKIP) {
          stringValue(start, close, context);
        }
        return true;
      }
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }

  private boolean object(int context, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    pos++;
    whitespace();
    if (pos < end && bytes[pos] == '}') {
      pos++;
      return true;
    }
    int mark = out().size();
    boolean binary = false;
    boolean secretName = false;
    int valueStart = -1;
    int valueEnd = -1;
    while (true) {
      if (pos >= end || bytes[pos] != '"') {
        return false;
      }
      int keyStart = pos + 1;
      int keyEnd = string();
      if (keyEnd < 0) {
        return false;
      }
      int flags = keys.flags(bytes, keyStart, keyEnd, escaped);
      whitespace();
      if (pos >= end || bytes[pos] != ':') {
        return false;
      }
      pos++;
      whitespace();
      int memberContext = memberContext(context, flags, binary);
      boolean isString = pos < end && bytes[pos] == '"';
      int start = pos + 1;
      if (!value(memberContext, depth)) {
        return false;
      }
      if (isString) {
        int close = pos - 1;
        if ((flags & KeyCache.KIND) != 0) {
          binary |= KeyNames.isBinaryKind(decodedString(start, close));
        }
        binary |= (flags & KeyCache.MEDIA_TYPE) != 0;
        if ((flags & KeyCache.NAME) != 0) {
          secretName = KeyNames.isSecretKey(decodedString(start, close));
        }
        if ((flags & KeyCache.VALUE) != 0) {
          valueStart = start;
          valueEnd = close;
        }
      }
      whitespace();
      if (pos >= end) {
        return false;
      }
      byte c = bytes[pos++];
      if (c == '}') {
        break;
      }
      if (c != ',') {
        return false;
      }
      whitespace();
    }
    if (binary) {
      out().truncate(mark);
    } else if (secretName && valueStart >= 0 && rules.nameValue && context != SKIP) {
      secretWhole(valueStart, valueEnd);
    }
    return true;
  }

  private int memberContext(int context, int flags, boolean binary) {
    if (context == SKIP || binary || (flags & KeyCache.OPAQUE) != 0) {
      return SKIP;
    }
    if ((flags & KeyCache.SECRET) != 0 && rules.jsonMember) {
      return SECRET;
    }
    if ((flags & KeyCache.ID_OR_PATH) != 0) {
      return SHAPES;
    }
    return context;
  }

  private boolean array(int context, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    pos++;
    whitespace();
    if (pos < end && bytes[pos] == ']') {
      pos++;
      return true;
    }
    while (true) {
      if (!value(context, depth)) {
        return false;
      }
      whitespace();
      if (pos >= end) {
        return false;
      }
      byte c = bytes[pos++];
      if (c == ']') {
        return true;
      }
      if (c != ',') {
        return false;
      }
      whitespace();
    }
  }

  /** Reads the string at {@code pos} (a quote); returns its closing quote's index, or -1. */
  private int string() {
    int i = pos + 1;
    boolean sawEscape = false;
    while (i < end) {
      byte c = bytes[i];
      if (c == '"') {
        pos = i + 1;
        escaped = sawEscape;
        return i;
      }
      if (c == '\\') {
        if (i + 1 >= end) {
          return -1;
        }
        byte e = bytes[i + 1];
        if (e == 'u') {
          if (i + 5 >= end || !isHex(bytes[i + 2]) || !isHex(bytes[i + 3])
              || !isHex(bytes[i + 4]) || !isHex(bytes[i + 5])) {
            return -1;
          }
          i += 6;
        } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
            || e == 'r' || e == 't') {
          i += 2;
        } else {
          return -1;
        }
        sawEscape = true;
      } else if (c >= 0 && c < 0x20) {
        return -1;
      } else {
        i++;
      }
    }
    return -1;
  }

  private void stringValue(int start, int close, int context) {
    if (context == SECRET) {
      secretWhole(start, close);
      return;
    }
    if (close - start < MIN_SCANNED) {
      return;
    }
    boolean shapesOnly = context == SHAPES;
    if (!escaped) {
      scan.scan(new ByteText(bytes, start, close - start), shapesOnly, out(), start, null);
    } else {
      int length = decode(start, close);
      scan.scan(new ByteText(scratch, 0, length), shapesOnly, out(), 0, map);
    }
  }

  /** Replaces a whole string value unless it is a placeholder, which is searched as usual. */
  private void secretWhole(int start, int close) {
    if (close == start) {
      return;
    }
    String value = decodedString(start, close);
    if (Placeholders.isPlaceholder(value) || value.length() < 3) {
      stringValue(start, close, NORMAL);
    } else if (rules.allow.isEmpty() || !rules.allowed(value)) {
      out().add(start, close);
    }
  }

  private String decodedString(int start, int close) {
    boolean hasEscape = false;
    for (int i = start; i < close && !hasEscape; i++) {
      hasEscape = bytes[i] == '\\';
    }
    if (!hasEscape) {
      return new String(bytes, start, close - start, StandardCharsets.UTF_8);
    }
    int length = decode(start, close);
    return new String(scratch, 0, length, StandardCharsets.UTF_8);
  }

  /**
   * Decodes the escapes of {@code bytes[start, close)} into {@code scratch}, recording in
   * {@code map} where each decoded byte came from. An escaped character outside ASCII becomes
   * the byte {@code 0x80}: no rule matches it, and no secret shape contains it.
   */
  private int decode(int start, int close) {
    if (scratch.length < close - start) {
      scratch = new byte[close - start];
      map = new int[close - start + 1];
    }
    int d = 0;
    int i = start;
    while (i < close) {
      map[d] = i;
      byte c = bytes[i];
      if (c != '\\') {
        scratch[d++] = c;
        i++;
        continue;
      }
      byte e = bytes[i + 1];
      switch (e) {
        case 'b' -> scratch[d++] = '\b';
        case 'f' -> scratch[d++] = '\f';
        case 'n' -> scratch[d++] = '\n';
        case 'r' -> scratch[d++] = '\r';
        case 't' -> scratch[d++] = '\t';
        case 'u' -> {
          int code = Integer.parseInt(new String(bytes, i + 2, 4, StandardCharsets.US_ASCII), 16);
          scratch[d++] = code < 0x80 ? (byte) code : (byte) 0x80;
        }
        default -> scratch[d++] = e;
      }
      i += e == 'u' ? 6 : 2;
    }
    map[d] = close;
    return d;
  }

  private boolean literal(String word) {
    if (end - pos < word.length()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (bytes[pos + k] != word.charAt(k)) {
        return false;
      }
    }
    pos += word.length();
    return true;
  }

  private boolean number() {
    int start = pos;
    if (pos < end && bytes[pos] == '-') {
      pos++;
    }
    if (pos >= end) {
      return false;
    }
    if (bytes[pos] == '0') {
      pos++;
    } else if (bytes[pos] >= '1' && bytes[pos] <= '9') {
      digits();
    } else {
      return false;
    }
    if (pos < end && bytes[pos] == '.') {
      pos++;
      if (digits() == 0) {
        return false;
      }
    }
    if (pos < end && (bytes[pos] == 'e' || bytes[pos] == 'E')) {
      pos++;
      if (pos < end && (bytes[pos] == '+' || bytes[pos] == '-')) {
        pos++;
      }
      if (digits() == 0) {
        return false;
      }
    }
    return pos > start;
  }

  private int digits() {
    int start = pos;
    while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9') {
      pos++;
    }
    return pos - start;
  }

  private void whitespace() {
    while (pos < end) {
      byte c = bytes[pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private static boolean isHex(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
