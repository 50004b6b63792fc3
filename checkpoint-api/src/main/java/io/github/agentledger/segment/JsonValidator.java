package io.github.agentledger.segment;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A strict RFC 8259 recognizer that also drops insignificant whitespace. Recursive descent, depth
 * bounded by {@link JsonText#MAX_DEPTH}. Duplicate member names in one object are rejected (RFC
 * 8259 leaves them undefined; parsers disagree on which one wins).
 */
final class JsonValidator {
  private final String in;
  private final StringBuilder out;
  private int pos;

  private JsonValidator(String in) {
    this.in = in;
    this.out = new StringBuilder(in.length());
  }

  static String compact(String text) {
    Objects.requireNonNull(text, "text");
    JsonValidator v = new JsonValidator(text);
    v.skipWhitespace();
    v.value(0);
    v.skipWhitespace();
    if (v.pos != text.length()) {
      throw v.error("unexpected text after the value");
    }
    return v.out.length() == text.length() ? text : v.out.toString();
  }

  private void value(int depth) {
    if (pos >= in.length()) {
      throw error("unexpected end of text, expected a value");
    }
    char c = in.charAt(pos);
    switch (c) {
      case '{' -> container(depth, '}', true);
      case '[' -> container(depth, ']', false);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw error("unexpected character '" + c + "'");
        }
      }
    }
  }

  private void container(int depth, char close, boolean object) {
    if (depth >= JsonText.MAX_DEPTH) {
      throw error("nesting deeper than " + JsonText.MAX_DEPTH);
    }
    out.append(in.charAt(pos++));
    skipWhitespace();
    if (peek() == close) {
      out.append(in.charAt(pos++));
      return;
    }
    Set<String> names = object ? new HashSet<>() : Set.of();
    while (true) {
      if (object) {
        if (peek() != '"') {
          throw error("expected a member name");
        }
        int nameStart = pos;
        string();
        String name = unescape(nameStart + 1, pos - 1);
        if (!names.add(name)) {
          pos = nameStart;
          throw error("duplicate member name \"" + name + "\"");
        }
        skipWhitespace();
        expect(':');
        skipWhitespace();
      }
      value(depth + 1);
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        out.append(in.charAt(pos++));
        skipWhitespace();
      } else if (c == close) {
        out.append(in.charAt(pos++));
        return;
      } else {
        throw error("expected ',' or '" + close + "'");
      }
    }
  }

  private void string() {
    int start = pos++;
    while (true) {
      if (pos >= in.length()) {
        throw error("unterminated string");
      }
      char c = in.charAt(pos);
      if (c == '"') {
        pos++;
        out.append(in, start, pos);
        return;
      } else if (c == '\\') {
        escape();
      } else if (c < 0x20) {
        throw error("raw control character U+" + String.format("%04X", (int) c) + " in a string");
      } else if (Character.isHighSurrogate(c)
          && pos + 1 < in.length()
          && Character.isLowSurrogate(in.charAt(pos + 1))) {
        pos += 2;
      } else if (Character.isSurrogate(c)) {
        throw error("lone surrogate in a string");
      } else {
        pos++;
      }
    }
  }

  /** The value of a validated string's content, escapes resolved. */
  private String unescape(int from, int to) {
    StringBuilder value = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = in.charAt(i);
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char e = in.charAt(++i);
      switch (e) {
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          value.append((char) Integer.parseInt(in.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> value.append(e);
      }
    }
    return value.toString();
  }

  private void escape() {
    pos++;
    char e = pos < in.length() ? in.charAt(pos) : 0;
    if ("\"\\/bfnrt".indexOf(e) >= 0 && e != 0) {
      pos++;
    } else if (e == 'u') {
      for (int i = 1; i <= 4; i++) {
        if (pos + i >= in.length() || Character.digit(in.charAt(pos + i), 16) < 0) {
          throw error("bad \\u escape");
        }
      }
      pos += 5;
    } else {
      throw error("bad escape");
    }
  }

  private void number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (!digits()) {
      throw error("expected a digit");
    }
    if (peek() == '.') {
      pos++;
      if (!digits()) {
        throw error("expected a digit after '.'");
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!digits()) {
        throw error("expected a digit in the exponent");
      }
    }
    out.append(in, start, pos);
  }

  private boolean digits() {
    int start = pos;
    while (pos < in.length() && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private void literal(String word) {
    if (!in.startsWith(word, pos)) {
      throw error("expected '" + word + "'");
    }
    pos += word.length();
    out.append(word);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    out.append(in.charAt(pos++));
  }

  private char peek() {
    return pos < in.length() ? in.charAt(pos) : (char) 0xFFFF;
  }

  private void skipWhitespace() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private InvalidJsonException error(String reason) {
    return new InvalidJsonException(pos, reason);
  }
}
