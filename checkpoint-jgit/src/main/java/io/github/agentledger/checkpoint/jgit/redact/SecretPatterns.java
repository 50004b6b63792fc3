package io.github.agentledger.checkpoint.jgit.redact;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default secret detectors: well-known token shapes, JWTs, PEM private keys, bearer and basic
 * authorization values, credentials in URLs and connection strings, {@code password=…}-style
 * assignments, and random-looking tokens (entropy).
 *
 * <p>Every expression bounds its repetitions, so a detector's work per position is bounded and a
 * whole scan is linear in the text length even on hostile input.
 */
final class SecretPatterns {
  /** Lower-case values that are placeholders, types or keywords, never a real secret. */
  private static final Set<String> PLACEHOLDERS = Set.of(
      "changeme", "change_me", "password", "passwd", "secret", "redacted", "null", "none", "nil",
      "true", "false", "undefined", "example", "placeholder", "string", "str", "int", "number",
      "bool", "boolean", "any", "optional", "required", "todo", "xxx", "value", "empty");

  private static final Pattern DOTTED_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,100}(?:\\.[A-Za-z_][A-Za-z0-9_]{0,100}){1,20}");

  /** Immutable and thread-safe, so built once and shared by every default redactor. */
  private static final List<Detector> DEFAULTS = build();

  private SecretPatterns() {}

  /** {@return the default detectors, in no particular order} */
  static List<Detector> defaults() {
    return DEFAULTS;
  }

  private static List<Detector> build() {
    return List.of(
        // AWS access key ids.
        PatternDetector.whole("\\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\\b")
            .hintedBy("AKIA", "ASIA", "ABIA", "ACCA", "A3T"),
        // GitHub classic (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained tokens.
        PatternDetector.whole("\\bgh[pousr]_[A-Za-z0-9]{36,251}+\\b")
            .hintedBy("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
        PatternDetector.whole("\\bgithub_pat_[A-Za-z0-9_]{22,251}+").hintedBy("github_pat_"),
        // GitLab personal access tokens.
        PatternDetector.whole("\\bglpat-[A-Za-z0-9_-]{20,64}+").hintedBy("glpat-"),
        // Slack tokens and incoming webhooks.
        PatternDetector.whole("\\bxox[abposre]-[A-Za-z0-9-]{10,250}+").hintedBy("xox"),
        PatternDetector.whole(
            "https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,200}+")
            .hintedBy("https://hooks.slack.com/"),
        // Stripe secret and restricted keys.
        PatternDetector.whole("\\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}+")
            .hintedBy("k_live_", "k_test_"),
        // Google API keys and OAuth access tokens.
        PatternDetector.whole("\\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])").hintedBy("AIza"),
        PatternDetector.whole("\\bya29\\.[0-9A-Za-z_-]{20,2048}+").hintedBy("ya29."),
        // OpenAI, Anthropic (sk-ant-…) and similar sk- keys. Real keys mix digits, upper and lower
        // case; requiring all three keeps out hyphenated words such as sk-2024-release-notes-….
        new PatternDetector(
            Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,512}+"), 0, c -> isMixed(c.value()))
            .hintedBy("sk-"),
        // npm, Hugging Face, SendGrid.
        PatternDetector.whole("\\bnpm_[A-Za-z0-9]{36}\\b").hintedBy("npm_"),
        PatternDetector.whole("\\bhf_[A-Za-z0-9]{34,40}\\b").hintedBy("hf_"),
        PatternDetector.whole("\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
            .hintedBy("SG."),
        // JSON web tokens: base64url header and payload that both open with {" (eyJ).
        PatternDetector.whole(
            "\\beyJ[A-Za-z0-9_-]{8,4096}+\\.eyJ[A-Za-z0-9_-]{8,16384}+\\.[A-Za-z0-9_-]{0,4096}+")
            .hintedBy(".eyJ"),
        new PemDetector(),
        // Authorization values: "Bearer <token>" and "Authorization: Basic <base64>".
        new PatternDetector(
            Pattern.compile("(?i)\\bbearer\\s{1,8}+([A-Za-z0-9._~+/-]{16,4096}+=*+)"), 1,
            c -> hasDigit(c.value())).hintedByIgnoringCase("bearer"),
        new PatternDetector(
            Pattern.compile("(?i)\\bauthorization[\"']?\\s{0,8}+[:=]\\s{0,8}+[\"']?basic\\s{1,8}+"
                + "([A-Za-z0-9+/]{8,4096}+=*+)"), 1, c -> true)
            .hintedByIgnoringCase("authorization"),
        // Credentials in URLs: scheme://user:password@host (database URLs included).
        new PatternDetector(
            Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]{0,30}+://[^\\s/?#@:\"'<>]{1,256}+:"
                + "([^\\s/?#@\"'<>]{1,256}+)@"), 1, SecretPatterns::isSecretValue)
            .hintedBy("://"),
        // password=…, api_key: …, DB_PASSWORD=…, pg_pwd=…, "client_secret": "…", Pwd=…; in
        // keyword DSNs, JDBC URLs and semicolon-separated connection strings alike.
        new PatternDetector(
            Pattern.compile("(?i)(?:passw(?:or)?d|passphrase|\\bpwd|[a-z0-9]_pwd"
                + "|secret(?:[_-]?(?:access[_-]?)?key)?|api[_-]?key|access[_-]?key"
                + "|private[_-]?key|(?:access|auth|refresh|api|bearer|session|secret|client)"
                + "[_-]?token|client[_-]?secret)[\"']?\\s{0,8}+(?::=|=>|[:=])\\s{0,8}+[\"']?"
                + "([^\\s\"'`,;&()\\[\\]{}<>]{1,512}+)"), 1, SecretPatterns::isAssignedSecret)
            .hintedByIgnoringCase("passw", "passphrase", "pwd", "secret", "api", "access",
                "private", "token"),
        new EntropyDetector());
  }

  /**
   * Whether a value found after a secret-like key is a real value rather than a placeholder, a
   * type, a path, a variable, a call or an attribute access.
   */
  static boolean isAssignedSecret(PatternDetector.Candidate candidate) {
    char next = candidate.next();
    if (next == '(' || next == '[') {
      return false;
    }
    String value = candidate.value();
    return isSecretValue(candidate) && !DOTTED_NAME.matcher(value).matches()
        && "/~.".indexOf(value.charAt(0)) < 0;
  }

  /** Whether a value is worth redacting: not a placeholder, not a variable reference. */
  static boolean isSecretValue(PatternDetector.Candidate candidate) {
    return isSecretValue(candidate.value());
  }

  static boolean isSecretValue(String value) {
    if (value.length() < 3 || "$%*<{&\\".indexOf(value.charAt(0)) >= 0) {
      return false;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.contains(lower) || lower.startsWith("redacted")
        || lower.startsWith("your_") || lower.startsWith("your-")) {
      return false;
    }
    return !lower.chars().allMatch(c -> c == 'x' || c == '*' || c == '.');
  }

  private static boolean isMixed(String value) {
    return hasDigit(value) && !value.equals(value.toLowerCase(Locale.ROOT))
        && !value.equals(value.toUpperCase(Locale.ROOT));
  }

  private static boolean hasDigit(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isDigit(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
