package io.github.agentledger.checkpoint;

import java.util.Objects;

/**
 * A learning tied to a place in the code.
 *
 * <p>Immutable and thread-safe. Line numbers of 0 mean "not given" and are not written.
 *
 * @param path the file path
 * @param line the first line, or 0
 * @param endLine the last line of a range, or 0
 * @param finding what was learned
 */
public record CodeLearning(String path, long line, long endLine, String finding) {

  /**
   * Rejects nulls and negative line numbers.
   *
   * @param path the file path
   * @param line the first line, or 0
   * @param endLine the last line of a range, or 0
   * @param finding what was learned
   */
  public CodeLearning {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(finding, "finding");
    TokenUsage.requireNotNegative("line", line);
    TokenUsage.requireNotNegative("endLine", endLine);
  }
}
