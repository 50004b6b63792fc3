package io.github.agentledger.checkpoint.jgit.redact;

import java.util.List;
import java.util.Locale;
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
 *
 * <p>A detector may carry <em>hints</em>: literals of which every match contains at least one.
 * A text that contains none of them is not searched at all. {@link String#indexOf(String)} over a
 * text is far cheaper than a regular-expression scan that must try each position, and most
 * strings of a transcript hold no hint of any detector, so hints make the default redactor's cost
 * close to a few literal searches per string. Hints must be sound, or secrets are missed: a test
 * runs every default detector over texts with and without its hints.
 */
final class PatternDetector implements Detector {
  static final String SECRET_GROUP = "secret";
  private final Pattern pattern;
  private final int group;
  private final boolean namedSecretGroup;
  private final Predicate<Candidate> accept;
  private final List<String> hints;
  private final boolean hintsIgnoreCase;

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
    this(pattern, group, false, accept, List.of(), false);
  }

  private PatternDetector(Pattern pattern, int group, boolean namedSecretGroup,
      Predicate<Candidate> accept, List<String> hints, boolean hintsIgnoreCase) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    if (group < 0 || group > pattern.matcher("").groupCount()) {
      throw new IllegalArgumentException(
          "group " + group + " does not exist in pattern " + pattern.pattern());
    }
    this.group = group;
    this.namedSecretGroup = namedSecretGroup;
    this.accept = Objects.requireNonNull(accept, "accept");
    this.hints = List.copyOf(hints);
    this.hintsIgnoreCase = hintsIgnoreCase;
    if (hintsIgnoreCase && this.hints.stream()
        .anyMatch(hint -> !hint.equals(hint.toLowerCase(Locale.ROOT)))) {
      throw new IllegalArgumentException("case-insensitive hints must be lower case: " + hints);
    }
  }

  /**
   * {@return this detector, searching only texts that contain one of {@code literals}} Every match
   * of the expression must contain one of them, exactly as written.
   */
  PatternDetector hintedBy(String... literals) {
    return new PatternDetector(pattern, group, namedSecretGroup, accept, List.of(literals), false);
  }

  /**
   * {@return this detector, searching only texts that contain one of {@code lowerCaseLiterals} in
   * any ASCII case} For expressions compiled with {@code (?i)} (which folds ASCII case only): every
   * match, lower-cased, must contain one of the literals.
   */
  PatternDetector hintedByIgnoringCase(String... lowerCaseLiterals) {
    return new PatternDetector(
        pattern, group, namedSecretGroup, accept, List.of(lowerCaseLiterals), true);
  }

  /** {@return this detector without its hints: it searches every text (for tests of hints)} */
  PatternDetector withoutHints() {
    return new PatternDetector(pattern, group, namedSecretGroup, accept, List.of(), false);
  }

  /** {@return whether this detector has hints} */
  boolean hinted() {
    return !hints.isEmpty();
  }

  /** Whether {@code text} may hold a match: true without hints, else when it holds a hint. */
  boolean mayMatch(String text) {
    if (hints.isEmpty()) {
      return true;
    }
    // Lower-casing maps each ASCII upper-case letter to its lower case, so a match found with
    // ASCII case folding still contains its literal, lower-cased, in the lower-cased text.
    String haystack = hintsIgnoreCase ? text.toLowerCase(Locale.ROOT) : text;
    for (String hint : hints) {
      if (haystack.contains(hint)) {
        return true;
      }
    }
    return false;
  }

  static PatternDetector whole(String regex) {
    return new PatternDetector(Pattern.compile(regex), 0, c -> true);
  }

  /**
   * A detector for a caller's pattern: marks the group named {@code secret} when the pattern has
   * one, otherwise the whole match.
   */
  static PatternDetector custom(Pattern pattern) {
    return new PatternDetector(pattern, 0, pattern.pattern().contains("(?<" + SECRET_GROUP + ">"),
        c -> true, List.of(), false);
  }

  @Override
  public void find(String text, RangeSet found) {
    if (!mayMatch(text)) {
      return;
    }
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
    return "PatternDetector[" + pattern.pattern() + ", group " + group
        + (hints.isEmpty() ? "" : ", hints " + hints + (hintsIgnoreCase ? " (any case)" : ""))
        + "]";
  }
}
