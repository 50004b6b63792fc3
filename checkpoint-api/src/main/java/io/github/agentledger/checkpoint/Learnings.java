package io.github.agentledger.checkpoint;

import java.util.List;

/**
 * Learnings of a session, grouped by scope.
 *
 * <p>Immutable and thread-safe; the lists are copied.
 *
 * @param repo codebase-wide patterns and conventions
 * @param code findings tied to files
 * @param workflow general development practices
 */
public record Learnings(List<String> repo, List<CodeLearning> code, List<String> workflow) {

  /**
   * Copies the lists.
   *
   * @param repo codebase-wide patterns and conventions
   * @param code findings tied to files
   * @param workflow general development practices
   */
  public Learnings {
    repo = List.copyOf(repo);
    code = List.copyOf(code);
    workflow = List.copyOf(workflow);
  }

  /** {@return learnings with every list empty} */
  public static Learnings none() {
    return new Learnings(List.of(), List.of(), List.of());
  }
}
