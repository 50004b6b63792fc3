package io.github.agentledger.checkpoint.jgit.redact;

/** Receives the ranges a rule found, {@code [start, end)} in the text being scanned. */
interface Marker {
  /**
   * Marks {@code text[start, end)} as a secret.
   *
   * @param start first character, inclusive
   * @param end last character, exclusive
   */
  void mark(int start, int end);
}
