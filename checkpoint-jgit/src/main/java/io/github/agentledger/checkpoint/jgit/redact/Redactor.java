package io.github.agentledger.checkpoint.jgit.redact;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Removes secrets from what a checkpoint store is about to write: transcripts (JSONL, redacted
 * line by line) and free text (prompts, summaries).
 *
 * <p>A store calls its redactor before anything reaches the object database, so a secret never
 * enters git history. Implementations must be deterministic (the same input gives the same output,
 * which keeps content hashes stable) and safe for use by several threads at once.
 */
public interface Redactor {

  /**
   * Redacts a JSONL transcript. Lines in which nothing matched come back byte for byte as they
   * were, line endings included.
   *
   * @param jsonl the transcript bytes, UTF-8 JSON lines
   * @return the redacted transcript (the same array when nothing matched anywhere)
   */
  byte[] redactTranscript(byte[] jsonl);

  /**
   * Redacts free text such as a prompt or a summary.
   *
   * @param text the text
   * @return the redacted text (the same string when nothing matched)
   */
  String redactText(String text);

  /**
   * A redactor that changes nothing, for callers that redact before they hand data to the store.
   *
   * @return the no-op redactor
   */
  static Redactor none() {
    return NoRedaction.INSTANCE;
  }

  /**
   * The default redactor, which replaces every secret it finds with {@code REDACTED}.
   *
   * <p>It finds well-known credential shapes (AWS access key ids; GitHub {@code ghp_},
   * {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_} and {@code github_pat_} tokens;
   * GitLab, Slack, Stripe, Google, OpenAI and Anthropic {@code sk-…}, npm, Hugging Face and
   * SendGrid keys), JSON web tokens, PEM private key blocks, bearer and basic authorization
   * values, passwords in URLs ({@code scheme://user:password@host}) and connection strings,
   * values assigned to secret-like names ({@code password=…}, {@code api_key: …},
   * {@code DB_PASSWORD=…}), and random-looking tokens: runs of {@code [A-Za-z0-9+_=-]} of 10 or
   * more characters with a Shannon entropy above 4.5 bits per character (such a run is replaced
   * whole, so {@code KEY=<random>} becomes {@code REDACTED}). Placeholders ({@code changeme},
   * {@code ${VAR}}, {@code <token>}) are left alone.
   *
   * <p>Transcripts are redacted line by line and JSON-aware: only string values are searched,
   * never keys; members that hold ids (names ending in {@code id} or {@code ids}), paths
   * ({@code path}, {@code file_path}, {@code cwd}, …) or signatures, and inline images (objects
   * whose {@code type} starts with {@code image} or is {@code base64}), are skipped; a string
   * member named like a password or secret is replaced whole. Replacements are made inside the
   * original line, so an unchanged line keeps its exact bytes, and secrets written with JSON
   * escapes are found and replaced escape sequences included. Lines that are not JSON are
   * redacted as plain text. The work is linear in the input size.
   *
   * @return the default redactor
   */
  static Redactor defaults() {
    return SecretRedactor.withDefaults();
  }

  /**
   * The {@linkplain #defaults() default redactor} with extra patterns of the caller's own (for
   * example an internal token format). Each match is replaced with {@code REDACTED}; when a pattern
   * has a capturing group named {@code secret}, only that group is replaced.
   *
   * <p>The patterns run over every string value of every transcript line and over all free text:
   * they must not backtrack catastrophically (bound every repetition, prefer possessive
   * quantifiers); the redactor's linear-time promise covers only its own patterns.
   *
   * @param customPatterns the extra patterns, each matching at least one character
   * @return the redactor
   */
  static Redactor defaultsWith(List<Pattern> customPatterns) {
    Objects.requireNonNull(customPatterns, "customPatterns");
    return SecretRedactor.withDefaultsAnd(
        customPatterns.stream().map(PatternDetector::custom).map(Detector.class::cast).toList());
  }
}
