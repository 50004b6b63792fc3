package io.github.agentledger.checkpoint.jgit.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of one redactor, indexed for scanning: token rules by the first character of their
 * prefix, flags for the context rules, the caller's rules and allow-list. Immutable.
 */
final class RuleSet {
  private final TokenRule[][] byFirstChar;
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
    for (int c = 0; c < 128; c++) {
      table.add(new ArrayList<>());
    }
    for (TokenRule rule : DefaultRules.tokens()) {
      if (enabledDefaults.contains(rule.name())) {
        char first = rule.prefix().charAt(0);
        table.get(first).add(rule);
        if (rule.ignoreCase()) {
          table.get(Character.toUpperCase(first)).add(rule);
        }
      }
    }
    this.byFirstChar = new TokenRule[128][];
    for (int c = 0; c < 128; c++) {
      byFirstChar[c] = table.get(c).toArray(new TokenRule[0]);
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

  /** {@return the token rules whose prefix starts with {@code c} (an empty array for none)} */
  TokenRule[] tokenRules(int c) {
    return c < 128 ? byFirstChar[c] : NONE;
  }

  private static final TokenRule[] NONE = new TokenRule[0];

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
