package io.github.agentledger.checkpoint.jgit;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the matches of one regular expression: the whole match, or one capturing group of it
 * (for example only the value of {@code password=value}), when the marked text passes a filter.
 *
 * <p>The expressions given here must keep matching linear: every repetition bounded, possessive
 * where the next element cannot match what it consumed.
 */
final class PatternDetector implements Detector {
  static final String SECRET_GROUP = "secret";
  private final Pattern pattern;
  private final int group;
  private final boolean namedSecretGroup;
  private final Predicate<Candidate> accept;

  /** What a filter sees: the text, and the range a match would mark in it. */
  record Candidate(String text, int start, int end) {
    String value() {
      return text.substring(start, end);
    }

    /** The character just after the candidate, or {@code '\0'} at the end of the text. */
    char next() {
      return end < text.length() ? text.charAt(end) : '\0';
    }
  }

  PatternDetector(Pattern pattern, int group, Predicate<Candidate> accept) {
    this(pattern, group, false, accept);
  }

  private PatternDetector(
      Pattern pattern, int group, boolean namedSecretGroup, Predicate<Candidate> accept) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    if (group < 0 || group > pattern.matcher("").groupCount()) {
      throw new IllegalArgumentException(
          "group " + group + " does not exist in pattern " + pattern.pattern());
    }
    this.group = group;
    this.namedSecretGroup = namedSecretGroup;
    this.accept = Objects.requireNonNull(accept, "accept");
  }

  static PatternDetector whole(String regex) {
    return new PatternDetector(Pattern.compile(regex), 0, c -> true);
  }

  /**
   * A detector for a caller's pattern: marks the group named {@code secret} when the pattern has
   * one, otherwise the whole match.
   */
  static PatternDetector custom(Pattern pattern) {
    return new PatternDetector(
        pattern, 0, pattern.pattern().contains("(?<" + SECRET_GROUP + ">"), c -> true);
  }

  @Override
  public void find(String text, RangeSet found) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      int start = namedSecretGroup ? matcher.start(SECRET_GROUP) : matcher.start(group);
      int end = namedSecretGroup ? matcher.end(SECRET_GROUP) : matcher.end(group);
      if (start >= 0 && end > start && accept.test(new Candidate(text, start, end))) {
        found.add(start, end);
      }
      if (matcher.end() == matcher.start()) {
        if (matcher.end() >= text.length()) {
          return;
        }
        matcher.region(matcher.end() + 1, text.length());
      }
    }
  }

  @Override
  public String toString() {
    return "PatternDetector[" + pattern.pattern() + ", group " + group + "]";
  }
}
