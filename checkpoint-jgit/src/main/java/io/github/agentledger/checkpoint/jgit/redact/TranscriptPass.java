package io.github.agentledger.checkpoint.jgit.redact;

import org.jspecify.annotations.Nullable;

/**
 * One redaction of a transcript: decides how each part of it is searched and collects the ranges
 * to replace.
 *
 * <ul>
 *   <li>When the first line is not one JSON value and the whole content is (a pretty-printed
 *       document), the document is walked as one.
 *   <li>Otherwise line by line ({@code \n}-terminated; a {@code \r} before it is whitespace). A
 *       line that opens like a JSON record (<code>&#123;</code> or <code>[</code> after optional
 *       whitespace) first goes through the {@link Triggers prefilter}: when nothing in it could
 *       start a secret it is left as it is, unparsed; else it is walked as JSON ({@link JsonWalk}),
 *       and scanned as plain text on its own when it is not valid JSON. A record line never joins
 *       the plain text around it, so that skipping it cannot change what is found elsewhere.
 *   <li>Every other line is walked as JSON when it is a JSON value (a string, a number) and
 *       otherwise joins the run of consecutive such lines that is scanned as one plain text, so
 *       that a PEM block or a {@code name:}/{@code value:} pair spread over lines is found.
 * </ul>
 * The walker and the plain scanner are made on first use: a transcript in which no line holds a
 * trigger allocates nothing per line. Not thread-safe: one instance per redaction.
 */
final class TranscriptPass {
  private final RuleSet rules;
  private final byte[] bytes;
  private final RangeSet found;
  private final Triggers triggers;
  private @Nullable TextScan scan;
  private @Nullable JsonWalk walk;

  TranscriptPass(RuleSet rules, byte[] bytes, RangeSet found) {
    this.rules = rules;
    this.bytes = bytes;
    this.found = found;
    this.triggers = new Triggers(rules);
  }

  /** Finds what to replace in the whole transcript, adding it to the range set. */
  void run() {
    int firstEnd = newlineOrEnd(0);
    if (walk().walk(bytes, 0, firstEnd, found)) {
      lines(Math.min(bytes.length, firstEnd + 1));
      return;
    }
    found.truncate(0);
    if (firstEnd < bytes.length && walk().walk(bytes, 0, bytes.length, found)) {
      return; // one JSON document over several lines
    }
    found.truncate(0);
    lines(0);
  }

  private void lines(int from) {
    int runStart = -1; // start of the current run of plain lines, -1 when none
    int lineStart = from;
    while (lineStart < bytes.length) {
      int contentEnd = newlineOrEnd(lineStart);
      int next = Math.min(bytes.length, contentEnd + 1);
      if (opensRecord(lineStart, contentEnd)) {
        if (runStart >= 0) {
          plain(runStart, lineStart);
          runStart = -1;
        }
        if (triggers.anyIn(bytes, lineStart, contentEnd)) {
          int mark = found.size();
          if (!walk().walk(bytes, lineStart, contentEnd, found)) {
            found.truncate(mark);
            plain(lineStart, next);
          }
        }
      } else {
        int mark = found.size();
        if (walk().walk(bytes, lineStart, contentEnd, found)) {
          if (runStart >= 0) {
            plain(runStart, lineStart);
            runStart = -1;
          }
        } else {
          found.truncate(mark);
          if (runStart < 0) {
            runStart = lineStart;
          }
        }
      }
      lineStart = next;
    }
    if (runStart >= 0) {
      plain(runStart, bytes.length);
    }
  }

  /** Whether the line's first byte other than a space, tab or CR opens an object or array. */
  private boolean opensRecord(int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = bytes[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  private int newlineOrEnd(int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }

  private void plain(int from, int to) {
    scan().scan(new ByteText(bytes, from, to - from), false, found, from, null);
  }

  private TextScan scan() {
    TextScan current = scan;
    if (current == null) {
      current = new TextScan(rules);
      scan = current;
    }
    return current;
  }

  private JsonWalk walk() {
    JsonWalk current = walk;
    if (current == null) {
      current = new JsonWalk(rules, scan());
      walk = current;
    }
    return current;
  }
}
