package io.github.agentledger.checkpoint.jgit.redact;

/**
 * Finds secrets in a piece of text and marks their character ranges.
 *
 * <p>Implementations are immutable, safe for use by several threads at once, and run in time
 * linear in the length of the text (every quantifier bounded, no unbounded backtracking).
 */
interface Detector {

  /**
   * Marks every secret in {@code text}.
   *
   * @param text the text to search
   * @param found where the half-open ranges {@code [start, end)} of the secrets are added
   */
  void find(String text, RangeSet found);
}
