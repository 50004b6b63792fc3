package io.github.agentledger.checkpoint.jgit.redact;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The default rules and their names. Token rules recognise a secret by its published shape (a
 * literal prefix and a character class of a known length); context rules recognise it by what
 * stands around it (a key that says password, {@code user:password@} in a URL, an authorization
 * header); the entropy rule catches random-looking tokens of no known shape.
 *
 * <p>Every expression bounds its repetitions and is matched only from a position where its
 * literal prefix stands, so the work per position is bounded and a scan is linear.
 */
final class DefaultRules {
  /** Values after {@code name=}, {@code name: } and the like, in secret assignments. */
  static final String ASSIGNMENT = "secret-assignment";
  /** {@code name: DB_PASSWORD} followed by {@code value: …} (Kubernetes, JSON name/value). */
  static final String NAME_VALUE = "secret-name-value";
  /** JSON members whose name says secret, replaced whole. */
  static final String JSON_MEMBER = "secret-json-member";
  /** {@code scheme://user:password@host}. */
  static final String URL_PASSWORD = "url-password";
  /** PEM private key blocks. */
  static final String PEM = "pem-private-key";
  /** Random-looking tokens. */
  static final String ENTROPY = "high-entropy";
  /** Azure AD client secrets ({@code …8Q~…}). */
  static final String AZURE = "azure-client-secret";
  /** Telegram bot tokens ({@code 123456789:AA…}). */
  static final String TELEGRAM = "telegram-bot-token";

  /** Built once: immutable and shared by every default redactor. */
  private static final List<TokenRule> TOKENS = build();

  private DefaultRules() {}

  /** {@return the default token rules} */
  static List<TokenRule> tokens() {
    return TOKENS;
  }

  private static List<TokenRule> build() {
    List<TokenRule> rules = new ArrayList<>();
    for (String prefix : List.of("AKIA", "ASIA", "ABIA", "ACCA", "A3T")) {
      rules.add(TokenRule.whole("aws-access-key-id", prefix,
          "(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])"));
    }
    for (String prefix : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
      rules.add(TokenRule.whole("github-token", prefix, "gh[pousr]_[A-Za-z0-9]{36,251}+"));
    }
    rules.add(TokenRule.whole("github-token", "github_pat_", "github_pat_[A-Za-z0-9_]{22,251}+"));
    // Prefixes as long as the shape allows: a word starting with "gl" or "do" is common prose,
    // and every word start that matches a prefix costs a regular expression match.
    for (String kind : List.of("pat", "rt", "dt", "ptt", "cbt", "oas", "ft", "imt", "agent",
        "soat")) {
      rules.add(TokenRule.whole("gitlab-token", "gl" + kind + "-",
          "gl(?:pat|rt|dt|ptt|cbt|oas|ft|imt|agent|soat)-[A-Za-z0-9_-]{20,64}+"));
    }
    rules.add(TokenRule.whole("slack-token", "xox", "xox[abposre]-[A-Za-z0-9-]{10,250}+"));
    rules.add(TokenRule.whole("slack-webhook", "https://hooks.slack.com/",
        "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{20,200}+"));
    for (String prefix : List.of("sk_", "rk_")) {
      rules.add(TokenRule.whole("stripe-key", prefix,
          "[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}+"));
    }
    rules.add(TokenRule.whole("stripe-key", "whsec_", "whsec_[A-Za-z0-9]{24,64}+"));
    rules.add(TokenRule.whole("google-api-key", "AIza",
        "AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"));
    rules.add(TokenRule.whole("google-oauth-token", "ya29.", "ya29\\.[0-9A-Za-z_-]{20,2048}+"));
    rules.add(TokenRule.whole("google-oauth-token", "GOCSPX-", "GOCSPX-[0-9A-Za-z_-]{28}"));
    rules.add(TokenRule.whole("anthropic-key", "sk-ant-", "sk-ant-[A-Za-z0-9_-]{20,512}+"));
    // OpenAI and similar sk- keys mix digits, upper and lower case; requiring all three keeps
    // out hyphenated words such as sk-2024-release-notes-….
    rules.add(new TokenRule("openai-key", "sk-", false,
        Pattern.compile("sk-[A-Za-z0-9_-]{20,512}+"), 0, DefaultRules::isMixed));
    rules.add(TokenRule.whole("npm-token", "npm_", "npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"));
    rules.add(TokenRule.whole("pypi-token", "pypi-",
        "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,2000}+"));
    rules.add(TokenRule.whole("huggingface-token", "hf_", "hf_[A-Za-z0-9]{34,40}(?![A-Za-z0-9])"));
    rules.add(TokenRule.whole("sendgrid-key", "SG.",
        "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"));
    rules.add(TokenRule.whole("twilio-key", "SK", "SK[0-9a-fA-F]{32}(?![0-9A-Za-z])"));
    rules.add(TokenRule.whole("heroku-key", "HRKU-", "HRKU-[A-Za-z0-9_-]{20,100}+"));
    for (String kind : List.of("at", "ss", "ca", "pa")) {
      rules.add(TokenRule.whole("shopify-token", "shp" + kind + "_",
          "shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])"));
    }
    for (String kind : List.of("o", "p", "r")) {
      rules.add(TokenRule.whole("digitalocean-token", "do" + kind + "_v1_",
          "do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9])"));
    }
    for (String kind : List.of("s", "b", "r")) {
      rules.add(TokenRule.whole("vault-token", "hv" + kind + ".",
          "hv[sbr]\\.[A-Za-z0-9_-]{24,512}+"));
    }
    rules.add(TokenRule.whole("databricks-token", "dapi",
        "dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9])"));
    rules.add(TokenRule.whole("doppler-token", "dp.",
        "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9])"));
    rules.add(TokenRule.whole("postman-key", "PMAK-", "PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}"));
    rules.add(TokenRule.whole("linear-key", "lin_api_", "lin_api_[A-Za-z0-9]{40}"));
    rules.add(TokenRule.whole("atlassian-token", "ATATT", "ATATT[A-Za-z0-9_=-]{100,400}+"));
    rules.add(TokenRule.whole("age-secret-key", "AGE-SECRET-KEY-1",
        "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"));
    rules.add(TokenRule.whole("newrelic-key", "NRAK-", "NRAK-[A-Z0-9]{27}(?![A-Za-z0-9])"));
    rules.add(TokenRule.whole("grafana-token", "glsa_",
        "glsa_[A-Za-z0-9]{32}_[a-fA-F0-9]{8}(?![A-Za-z0-9])"));
    rules.add(TokenRule.whole("sentry-token", "sntry", "sntry[su]_[A-Za-z0-9_=+/-]{40,400}+"));
    // JSON web tokens: base64url header and payload that both open with {" (eyJ).
    rules.add(TokenRule.whole("jwt", "eyJ",
        "eyJ[A-Za-z0-9_-]{8,4096}+\\.eyJ[A-Za-z0-9_-]{8,16384}+\\.[A-Za-z0-9_-]{0,4096}+"));
    // Authorization values: the token after "Bearer", the credentials after "Basic".
    rules.add(new TokenRule("authorization-bearer", "bearer", true,
        Pattern.compile("(?i)bearer[ \\t]{1,8}+([A-Za-z0-9._~+/-]{8,4096}+=*+)"), 1,
        value -> hasDigit(value) && !Placeholders.isPlaceholder(value)));
    rules.add(new TokenRule("authorization-basic", "basic", true,
        Pattern.compile("(?i)basic[ \\t]{1,8}+([A-Za-z0-9+/]{4,4096}+=*+)"), 1,
        DefaultRules::isBasicCredentials));
    // curl -u user:password, curl --user user:password.
    rules.add(new TokenRule("curl-user-password", "-u", false,
        Pattern.compile("-u[ =]?+['\"]?+[^\\s:'\"@]{0,128}+:([^\\s'\"]{1,256}+)"), 1,
        value -> !Placeholders.isPlaceholder(value)));
    rules.add(new TokenRule("curl-user-password", "--user", false,
        Pattern.compile("--user[ =]['\"]?+[^\\s:'\"@]{0,128}+:([^\\s'\"]{1,256}+)"), 1,
        value -> !Placeholders.isPlaceholder(value)));
    return List.copyOf(rules);
  }

  /** {@return the names of every default rule, token and context rules alike, sorted} */
  static List<String> names() {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    tokens().forEach(rule -> names.add(rule.name()));
    names.addAll(List.of(ASSIGNMENT, NAME_VALUE, JSON_MEMBER, URL_PASSWORD, PEM, ENTROPY, AZURE,
        TELEGRAM));
    return List.copyOf(names);
  }

  static boolean isMixed(String value) {
    return hasDigit(value) && !value.equals(value.toLowerCase(Locale.ROOT))
        && !value.equals(value.toUpperCase(Locale.ROOT));
  }

  static boolean hasDigit(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  /** Whether a value after {@code Basic} is base64 of printable {@code user:password}. */
  static boolean isBasicCredentials(String value) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean colon = false;
    for (byte b : decoded) {
      if (b < 0x20 || b == 0x7F) {
        return false;
      }
      colon |= b == ':';
    }
    return colon;
  }
}
