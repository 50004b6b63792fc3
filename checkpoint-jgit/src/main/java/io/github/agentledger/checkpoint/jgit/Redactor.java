package io.github.agentledger.checkpoint.jgit;

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
}
