package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.JsonText;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one value inside a line, exactly as written: a path (member names and array
 * indexes) from the line's top-level object, resolved only when asked, by scanning the line. Used
 * for what must be written back as it was read (unknown content parts, attributes), where a
 * decoded tree would lose the spelling of escapes.
 *
 * <p>The line was parsed strictly before, so the scan trusts its syntax. Immutable.
 */
final class RawJson {
  private final String line;
  private final List<Object> path;

  private RawJson(String line, List<Object> path) {
    this.line = line;
    this.path = path;
  }

  /** The line's top-level value; an empty line (a decode without raw text) locates nothing. */
  static RawJson of(String line) {
    return new RawJson(line, List.of());
  }

  RawJson at(String member) {
    return extend(member);
  }

  RawJson at(int index) {
    return extend(index);
  }

  private RawJson extend(Object step) {
    List<Object> longer = new ArrayList<>(path.size() + 1);
    longer.addAll(path);
    longer.add(step);
    return new RawJson(line, longer);
  }

  /**
   * {@return the value's text as opaque JSON, or {@code fallback} when the line is not at hand}
   */
  JsonText text(JsonText fallback) {
    if (line.isEmpty()) {
      return fallback;
    }
    int pos = skipSpace(0);
    for (Object step : path) {
      pos = step instanceof String name ? member(pos, name) : element(pos, (Integer) step);
    }
    return JsonText.of(line.substring(pos, skipValue(pos)));
  }

  /** From the '{' at {@code pos}, the start of the value of member {@code name}. */
  private int member(int pos, String name) {
    pos = skipSpace(pos + 1);
    while (line.charAt(pos) != '}') {
      int keyEnd = skipValue(pos);
      String key = EntryCodec.parse(line.substring(pos, keyEnd)).getAsString();
      pos = skipSpace(skipSpace(keyEnd) + 1);
      if (key.equals(name)) {
        return pos;
      }
      pos = skipSpace(skipValue(pos));
      if (line.charAt(pos) == ',') {
        pos = skipSpace(pos + 1);
      }
    }
    throw new IllegalStateException("member '" + name + "' not found in a parsed line");
  }

  /** From the '[' at {@code pos}, the start of element {@code index}. */
  private int element(int pos, int index) {
    pos = skipSpace(pos + 1);
    for (int i = 0; i < index; i++) {
      pos = skipSpace(skipValue(pos));
      pos = skipSpace(pos + 1);
    }
    return pos;
  }

  private int skipValue(int pos) {
    char c = line.charAt(pos);
    if (c == '"') {
      pos++;
      while (line.charAt(pos) != '"') {
        pos += line.charAt(pos) == '\\' ? 2 : 1;
      }
      return pos + 1;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      do {
        char d = line.charAt(pos);
        if (d == '"') {
          pos = skipValue(pos);
          continue;
        }
        if (d == '{' || d == '[') {
          depth++;
        } else if (d == '}' || d == ']') {
          depth--;
        }
        pos++;
      } while (depth > 0);
      return pos;
    }
    while (pos < line.length() && ",}] \t\r\n".indexOf(line.charAt(pos)) < 0) {
      pos++;
    }
    return pos;
  }

  private int skipSpace(int pos) {
    while (pos < line.length() && " \t\r\n".indexOf(line.charAt(pos)) >= 0) {
      pos++;
    }
    return pos;
  }
}
