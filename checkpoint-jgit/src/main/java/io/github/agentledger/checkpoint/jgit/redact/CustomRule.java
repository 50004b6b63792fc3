package io.github.agentledger.checkpoint.jgit.redact;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller's rule: every match of {@code pattern} is a secret, or only its group named
 * {@code secret} when it has one.
 *
 * @param name the rule's name
 * @param pattern the expression, searched in every scanned text
 */
record CustomRule(String name, Pattern pattern) {
  /** The group that marks the secret part of a match, when a pattern has it. */
  static final String SECRET_GROUP = "secret";

  CustomRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
  }

  /** Marks every match in {@code text}. */
  void find(CharSequence text, Marker marker) {
    boolean named = pattern.pattern().contains("(?<" + SECRET_GROUP + ">");
    Matcher matcher = pattern.matcher(text);
    int from = 0;
    while (from <= text.length() && matcher.find(from)) {
      int start = named ? matcher.start(SECRET_GROUP) : matcher.start();
      int end = named ? matcher.end(SECRET_GROUP) : matcher.end();
      if (start >= 0 && end > start) {
        marker.mark(start, end);
      }
      from = matcher.end() > matcher.start() ? matcher.end() : matcher.end() + 1;
    }
  }
}
