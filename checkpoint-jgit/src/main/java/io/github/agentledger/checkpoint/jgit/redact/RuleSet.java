package io.github.agentledger.checkpoint.jgit.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules of one redactor, indexed for scanning: token rules by the first two characters of
 * their prefix, flags for the context rules, the caller's rules and allow-list. Immutable.
 */
final class RuleSet {
  private final TokenRule[][] byFirstTwo;
  /** One bit per pair of first two characters that some token rule starts with: 2 KB, cached. */
  private final long[] pairs = new long[128 * 128 / 64];
  final boolean assignment;
  final boolean nameValue;
  final boolean jsonMember;
  final boolean urlPassword;
  final boolean pem;
  final boolean entropy;
  final boolean azure;
  final boolean telegram;
  final List<CustomRule> custom;
  final List<AllowRule> allow;
  final Set<String> skippedMembers;

  RuleSet(Set<String> enabledDefaults, List<CustomRule> custom, List<AllowRule> allow,
      Set<String> skippedMembers) {
    List<List<TokenRule>> table = new ArrayList<>();
    for (int pair = 0; pair < 128 * 128; pair++) {
      table.add(null);
    }
    for (TokenRule rule : DefaultRules.tokens()) {
      if (enabledDefaults.contains(rule.name())) {
        char first = rule.prefix().charAt(0);
        char second = rule.prefix().charAt(1);
        register(table, first, second, rule);
        if (rule.ignoreCase()) {
          register(table, Character.toUpperCase(first), second, rule);
          register(table, first, Character.toUpperCase(second), rule);
          register(table, Character.toUpperCase(first), Character.toUpperCase(second), rule);
        }
      }
    }
    this.byFirstTwo = new TokenRule[128 * 128][];
    for (int pair = 0; pair < table.size(); pair++) {
      if (table.get(pair) != null) {
        byFirstTwo[pair] = table.get(pair).toArray(new TokenRule[0]);
        pairs[pair >>> 6] |= 1L << pair;
      }
    }
    this.assignment = enabledDefaults.contains(DefaultRules.ASSIGNMENT);
    this.nameValue = enabledDefaults.contains(DefaultRules.NAME_VALUE);
    this.jsonMember = enabledDefaults.contains(DefaultRules.JSON_MEMBER);
    this.urlPassword = enabledDefaults.contains(DefaultRules.URL_PASSWORD);
    this.pem = enabledDefaults.contains(DefaultRules.PEM);
    this.entropy = enabledDefaults.contains(DefaultRules.ENTROPY);
    this.azure = enabledDefaults.contains(DefaultRules.AZURE);
    this.telegram = enabledDefaults.contains(DefaultRules.TELEGRAM);
    this.custom = List.copyOf(custom);
    this.allow = List.copyOf(allow);
    this.skippedMembers = Set.copyOf(skippedMembers);
  }

  /**
   * {@return the token rules whose prefix starts with {@code first} then {@code second}, or
   * {@code null} for none} Every prefix has two characters or more, and looking rules up by two
   * leaves almost no word start with a rule to try.
   */
  TokenRule @Nullable [] tokenRules(int first, int second) {
    return first < 128 && second < 128 ? byFirstTwo[first * 128 + second] : null;
  }

  /** {@return whether some token rule's prefix starts with {@code first} then {@code second}} */
  boolean hasTokenRules(int first, int second) {
    if (first >= 128 || second >= 128) {
      return false;
    }
    int pair = first * 128 + second;
    return (pairs[pair >>> 6] & (1L << pair)) != 0;
  }

  private static void register(List<List<TokenRule>> table, char first, char second,
      TokenRule rule) {
    int pair = first * 128 + second;
    if (table.get(pair) == null) {
      table.set(pair, new ArrayList<>());
    }
    table.get(pair).add(rule);
  }

  /** {@return whether a found value is on the caller's allow-list} */
  boolean allowed(String value) {
    for (AllowRule rule : allow) {
      if (rule.allows(value)) {
        return true;
      }
    }
    return false;
  }
}
