package io.github.agentledger.checkpoint.jgit.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a JSON tree exactly as Go's {@code encoding/json} Encoder does with
 * {@code SetEscapeHTML(false)} and {@code SetIndent("", "  ")}: two-space indent, {@code ": "}
 * between key and value, empty containers as {@code {}}/{@code []}, a trailing newline, and Go's
 * string escaping ({@code \b} and {@code \f} short as since Go 1.22, other control characters as
 * {@code \}{@code u00xx}, U+2028 and U+2029 always escaped, {@code <>&} literal, unpaired
 * surrogates as U+FFFD). Byte-identical output gives blob hashes identical to the Entire CLI's.
 *
 * <p>Numbers: integers as written; {@link Double} values with Go's float formatting
 * ({@link GoValues#formatFloat}); parsed numbers keep their original text. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  /**
   * Encodes a JSON tree.
   *
   * @param value the tree
   * @return UTF-8 bytes ending with a newline
   */
  public static byte[] encode(JsonElement value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value, 0);
    out.append('\n');
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder out, JsonElement value, int depth) {
    if (value == null || value.isJsonNull()) {
      out.append("null");
    } else if (value.isJsonObject()) {
      writeObject(out, value.getAsJsonObject(), depth);
    } else if (value.isJsonArray()) {
      writeArray(out, value.getAsJsonArray(), depth);
    } else {
      writePrimitive(out, value.getAsJsonPrimitive());
    }
  }

  private static void writeObject(StringBuilder out, JsonObject object, int depth) {
    if (object.size() == 0) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      out.append(first ? "\n" : ",\n");
      first = false;
      indent(out, depth + 1);
      writeString(out, entry.getKey());
      out.append(": ");
      write(out, entry.getValue(), depth + 1);
    }
    out.append('\n');
    indent(out, depth);
    out.append('}');
  }

  private static void writeArray(StringBuilder out, JsonArray array, int depth) {
    if (array.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < array.size(); i++) {
      out.append(i == 0 ? "\n" : ",\n");
      indent(out, depth + 1);
      write(out, array.get(i), depth + 1);
    }
    out.append('\n');
    indent(out, depth);
    out.append(']');
  }

  private static void writePrimitive(StringBuilder out, JsonPrimitive primitive) {
    if (primitive.isString()) {
      writeString(out, primitive.getAsString());
    } else if (primitive.isBoolean()) {
      out.append(primitive.getAsBoolean());
    } else {
      Number number = primitive.getAsNumber();
      if (number instanceof Double || number instanceof Float) {
        out.append(GoValues.formatFloat(number.doubleValue()));
      } else {
        out.append(number.toString());
      }
    }
  }

  private static void indent(StringBuilder out, int depth) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }

  public static void writeString(StringBuilder out, String text) {
    out.append('"');
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
              out.append(c).append(text.charAt(++i));
            } else {
              out.append("\\ufffd");
            }
          } else if (Character.isLowSurrogate(c)) {
            out.append("\\ufffd");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
