package io.github.agentledger.checkpoint.jgit.redact;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule tried where a word starts with its literal {@code prefix}: a bounded expression matched
 * from there ({@code lookingAt}, never a search), of which the whole match or one group is a
 * secret when {@code accept} agrees. Scanning tries only the rules whose prefix starts with the
 * character at hand, so a text without any prefix costs one table look-up per word.
 *
 * @param name the rule's name
 * @param prefix the literal every match starts with (ASCII, two characters or more)
 * @param ignoreCase whether the prefix matches in any ASCII case (then it is given lower case)
 * @param pattern the expression, matched from the prefix on; every repetition bounded
 * @param group the group that is the secret (0 for the whole match)
 * @param accept a last check of the secret's value
 */
record TokenRule(String name, String prefix, boolean ignoreCase, Pattern pattern, int group,
    Predicate<String> accept) {
  /** How far past the prefix an expression may look, which bounds the work per attempt. */
  static final int MAX_MATCH = 20_000;

  TokenRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(accept, "accept");
    if (prefix.length() < 2) {
      throw new IllegalArgumentException("rule " + name + ": prefix '" + prefix
          + "' is shorter than the two characters rules are indexed by");
    }
  }

  static TokenRule whole(String name, String prefix, String regex) {
    return new TokenRule(name, prefix, false, Pattern.compile(regex), 0, value -> true);
  }

  /** {@return whether the prefix stands at {@code bytes[at]}, before {@code to}} */
  boolean prefixAt(byte[] bytes, int at, int to) {
    if (to - at < prefix.length()) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      int c = bytes[at + k];
      if (ignoreCase && c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Tries the rule at {@code at}, where the caller has seen a word start. */
  void tryAt(ByteText text, int at, Marker marker) {
    if (ignoreCase ? !text.startsWithIgnoringCase(prefix, at) : !text.startsWith(prefix, at)) {
      return;
    }
    Matcher matcher = pattern.matcher(text);
    matcher.useTransparentBounds(true);
    matcher.useAnchoringBounds(false);
    matcher.region(at, Math.min(text.length(), at + MAX_MATCH));
    if (matcher.lookingAt()) {
      int start = matcher.start(group);
      int end = matcher.end(group);
      if (start >= 0 && end > start && accept.test(text.slice(start, end))) {
        marker.mark(start, end);
      }
    }
  }
}
