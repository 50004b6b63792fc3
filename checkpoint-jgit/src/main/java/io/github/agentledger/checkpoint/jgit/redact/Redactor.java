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
   * The default redactor, which replaces every secret it finds with {@code REDACTED}; see
   * {@link SecretRedactor} for what it finds and what it leaves alone.
   *
   * @return the default redactor
   */
  static Redactor defaults() {
    return SecretRedactor.defaults();
  }

  /**
   * A builder starting from the default rules, to remove rules, add rules of your own and
   * allow-list values; see {@link SecretRedactor.Builder}.
   *
   * @return a new builder
   */
  static SecretRedactor.Builder builder() {
    return SecretRedactor.builder();
  }

  /**
   * The {@linkplain #defaults() default redactor} with extra patterns of the caller's own (for
   * example an internal token format), named {@code custom-1}, {@code custom-2}, … in order.
   * Each match is replaced with {@code REDACTED}; when a pattern has a capturing group named
   * {@code secret}, only that group is replaced.
   *
   * <p>The patterns run over every string value of every transcript line and over all free text:
   * they must not backtrack catastrophically (bound every repetition, prefer possessive
   * quantifiers); the redactor's linear-time promise covers only its own rules.
   *
   * @param customPatterns the extra patterns, each matching at least one character
   * @return the redactor
   */
  static Redactor defaultsWith(List<Pattern> customPatterns) {
    Objects.requireNonNull(customPatterns, "customPatterns");
    SecretRedactor.Builder builder = SecretRedactor.builder();
    for (int i = 0; i < customPatterns.size(); i++) {
      builder.addRule("custom-" + (i + 1), customPatterns.get(i));
    }
    return builder.build();
  }
}
