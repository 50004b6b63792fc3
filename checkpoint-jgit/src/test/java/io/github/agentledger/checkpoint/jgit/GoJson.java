package io.github.agentledger.checkpoint.jgit;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON the way the Entire CLI's Go code writes its metadata files: {@code
 * json.MarshalIndent(v, "", "  ")} with HTML escaping off, then one {@code \n}. Keys keep the
 * order of the (insertion-ordered) map; {@code null} writes {@code null}; strings escape only
 * {@code "}, {@code \}, control characters and U+2028/U+2029, as Go does.
 *
 * <p>Test-only: builds fixture blobs whose bytes match what the Go tool would have stored.
 */
final class GoJson {
  private GoJson() {}

  /** {@return {@code value} as indented JSON followed by a newline} */
  static String indented(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, Object value, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      string(out, text);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        out.append(indent).append("  ");
        string(out, (String) entry.getKey());
        out.append(": ");
        write(out, entry.getValue(), indent + "  ");
        out.append(entries.hasNext() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        out.append(indent).append("  ");
        write(out, list.get(i), indent + "  ");
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass() + " as Go JSON");
    }
  }

  private static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
