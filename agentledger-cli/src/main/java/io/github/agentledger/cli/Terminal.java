package io.github.agentledger.cli;

import org.jspecify.annotations.Nullable;

/**
 * Makes stored text safe to print on a terminal. Checkpoint and segment fields are written by
 * agents and by whoever pushed to the repository: an ESC or a C1 control in a prompt would be read
 * by the terminal as a command (move the cursor, retitle the window, hide text). Human output goes
 * through {@link #safe(String)}; JSON output is escaped by {@link Json} instead.
 */
final class Terminal {
  private Terminal() {}

  /**
   * Escapes every C0 and C1 control character, DEL, and the Unicode bidirectional overrides
   * (which reorder what the reader sees) as {@code \n}, {@code \t}, {@code \r}, {@code \e},
   * {@code \xNN} or {@code \}{@code uNNNN}; a backslash itself is left alone.
   */
  static String safe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape == null) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      out.append(escape);
    }
    return out == null ? text : out.toString();
  }

  private static @Nullable String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\t':
        return "\\t";
      case '\r':
        return "\\r";
      case 0x1b:
        return "\\e";
      default:
        break;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return String.format("\\x%02x", (int) c);
    }
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e
        || c == 0x200f || c == 0x061c) {
      return String.format("\\u%04x", (int) c);
    }
    return null;
  }

  /** {@return the text made safe and cut to {@code width} characters, with an ellipsis} */
  static String cut(String text, int width) {
    String safe = safe(text);
    return safe.length() <= width ? safe : safe.substring(0, width) + "…";
  }
}
