package io.github.agentledger.checkpoint.jgit.redact;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A caller's allow-list entry: a found value that equals one of {@code values} or that
 * {@code pattern} matches whole is not a secret and is kept.
 *
 * @param name the entry's name
 * @param values exact values to keep
 * @param pattern values to keep, matched whole; {@code null}-free: a never-matching pattern when
 *     the entry lists values only
 */
record AllowRule(String name, Set<String> values, Pattern pattern) {
  static final Pattern NOTHING = Pattern.compile("(?!)");

  AllowRule {
    Objects.requireNonNull(name, "name");
    values = Set.copyOf(values);
    Objects.requireNonNull(pattern, "pattern");
  }

  boolean allows(String value) {
    return values.contains(value) || pattern.matcher(value).matches();
  }
}
